package org.convkit.io.image;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.zip.Adler32;

/**
 * A zlib stream (RFC 1950/1951) holding the data as dynamic-Huffman blocks of literals only: what
 * zlib's Huffman-only strategy does, without its per-symbol bookkeeping. On filtered photos this is
 * where PNG writing spends its time: about 2 ns a byte here against 6.6 in {@code Deflater}
 * (HUFFMAN_ONLY), for files within a few percent of its size.
 */
final class HuffmanDeflate {
    private static final int SYMBOLS = 257;   // 256 literals and end-of-block
    private static final int MAX_BITS = 15;

    private HuffmanDeflate() {}

    /** Symbols per block: each block gets its own code, which follows the image's local statistics. */
    static final int BLOCK = 1 << 16;   // 8K..1M measured: 64K matches zlib's sizes, larger loses 5% on gray photos

    static byte[] zlib(byte[] data, int length) {
        BitWriter out = new BitWriter(length + length / 8 + 1024);
        out.bytes[out.pos++] = 0x78;  // deflate, 32 KB window
        out.bytes[out.pos++] = 0x01;  // no dictionary, fastest; (0x78 * 256 + 0x01) % 31 == 0
        int start = 0;
        do {
            int end = (int) Math.min(length, (long) start + BLOCK);
            block(data, start, end, end == length, out);
            start = end;
        } while (start < length);
        out.alignToByte();
        Adler32 adler = new Adler32();
        adler.update(data, 0, length);
        int a = (int) adler.getValue();
        out.ensure(4);
        out.bytes[out.pos++] = (byte) (a >>> 24);
        out.bytes[out.pos++] = (byte) (a >>> 16);
        out.bytes[out.pos++] = (byte) (a >>> 8);
        out.bytes[out.pos++] = (byte) a;
        return Arrays.copyOf(out.bytes, out.pos);
    }

    /** One dynamic-Huffman block of literals {@code data[from, to)}. */
    private static void block(byte[] data, int from, int to, boolean last, BitWriter out) {
        long[] freq = new long[SYMBOLS];
        for (int i = from; i < to; i++) {
            freq[data[i] & 0xff]++;
        }
        freq[256] = 1;
        int[] lengths = codeLengths(freq);
        int[] codes = reversedCanonicalCodes(lengths);
        long bits = 0;
        for (int sym = 0; sym < SYMBOLS; sym++) {
            bits += freq[sym] * lengths[sym];
        }
        out.ensure((int) Math.min(Integer.MAX_VALUE - 64, (3 + 14 + 19 * 3 + (SYMBOLS + 1) * 4 + bits) / 8 + 16));
        out.bits(last ? 1 : 0, 1);    // BFINAL
        out.bits(2, 2);               // BTYPE = dynamic Huffman
        out.bits(SYMBOLS - 257, 5);   // HLIT
        out.bits(0, 5);               // HDIST: one distance code, of length 0 (RFC 1951 3.2.7: all literals)
        out.bits(19 - 4, 4);          // HCLEN: all 19 code-length codes
        // The code-length code: symbols 0..15 all 4 bits long (a complete code), 16-18 unused.
        for (int k = 0; k < 19; k++) {
            out.bits(CL_ORDER[k] < 16 ? 4 : 0, 3);
        }
        for (int sym = 0; sym < SYMBOLS; sym++) {
            out.bits(REVERSED4[lengths[sym]], 4);
        }
        out.bits(REVERSED4[0], 4);    // the one distance code's length: 0
        emit(data, from, to, codes, lengths, out);
        out.bits(codes[256], lengths[256]);
    }

    /** The literals: the hot loop, kept small and with its state in locals. */
    private static void emit(byte[] data, int from, int to, int[] codes, int[] lengths, BitWriter out) {
        int[] table = new int[256];   // code << 4 | length
        for (int s = 0; s < 256; s++) {
            table[s] = codes[s] << 4 | lengths[s];
        }
        byte[] bytes = out.bytes;
        int pos = out.pos;
        long buffer = out.buffer;
        int count = out.count;
        for (int i = from; i < to; i++) {
            int t = table[data[i] & 0xff];
            buffer |= (long) (t >>> 4) << count;
            count += t & 15;
            if (count >= 32) {
                int v = (int) buffer;
                bytes[pos] = (byte) v;
                bytes[pos + 1] = (byte) (v >>> 8);
                bytes[pos + 2] = (byte) (v >>> 16);
                bytes[pos + 3] = (byte) (v >>> 24);
                pos += 4;
                buffer >>>= 32;
                count -= 32;
            }
        }
        out.pos = pos;
        out.buffer = buffer;
        out.count = count;
    }

    private static final int[] CL_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    /** 4-bit values bit-reversed: Huffman codes go most significant bit first into an LSB-first stream. */
    private static final int[] REVERSED4 = new int[16];

    static {
        for (int v = 0; v < 16; v++) {
            REVERSED4[v] = Integer.reverse(v) >>> 28;
        }
    }

    /** Huffman code lengths for the used symbols, at most 15 bits (frequencies flattened until they fit). */
    static int[] codeLengths(long[] freq) {
        long[] f = freq.clone();
        while (true) {
            int[] lengths = huffmanLengths(f);
            int max = 0;
            for (int l : lengths) max = Math.max(max, l);
            if (max <= MAX_BITS) {
                return lengths;
            }
            for (int s = 0; s < f.length; s++) {
                if (f[s] > 0) f[s] = (f[s] >> 1) | 1;
            }
        }
    }

    private static int[] huffmanLengths(long[] f) {
        int n = f.length;
        int[] lengths = new int[n];
        // nodes 0..n-1 are symbols, then internal nodes; parent links give the depths
        int[] parent = new int[2 * n];
        long[] weight = new long[2 * n];
        PriorityQueue<long[]> heap = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int used = 0;
        for (int s = 0; s < n; s++) {
            if (f[s] > 0) {
                weight[s] = f[s];
                heap.add(new long[] {f[s], s});
                used++;
            }
        }
        if (used == 1) {   // a lone symbol still needs a 1-bit code
            for (int s = 0; s < n; s++) if (f[s] > 0) lengths[s] = 1;
            return lengths;
        }
        int next = n;
        while (heap.size() > 1) {
            long[] a = heap.poll();
            long[] b = heap.poll();
            weight[next] = a[0] + b[0];
            parent[(int) a[1]] = next;
            parent[(int) b[1]] = next;
            heap.add(new long[] {weight[next], next});
            next++;
        }
        int root = next - 1;
        int[] depth = new int[2 * n];   // a parent always has a larger index than its children
        for (int node = root - 1; node >= n; node--) {
            depth[node] = depth[parent[node]] + 1;
        }
        for (int s = 0; s < n; s++) {
            if (f[s] > 0) lengths[s] = depth[parent[s]] + 1;
        }
        return lengths;
    }

    /** Canonical Huffman codes (RFC 1951 3.2.2), bit-reversed for writing LSB first. */
    static int[] reversedCanonicalCodes(int[] lengths) {
        int[] count = new int[MAX_BITS + 1];
        for (int l : lengths) if (l > 0) count[l]++;
        int[] next = new int[MAX_BITS + 2];
        int code = 0;
        for (int bits = 1; bits <= MAX_BITS; bits++) {
            code = (code + count[bits - 1]) << 1;
            next[bits] = code;
        }
        int[] codes = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            int l = lengths[s];
            if (l > 0) {
                codes[s] = Integer.reverse(next[l]++) >>> (32 - l);
            }
        }
        return codes;
    }

    /** Bits appended least significant first, 32 at a time into the byte array. */
    private static final class BitWriter {
        byte[] bytes;
        int pos;
        long buffer;
        int count;

        BitWriter(int capacity) { bytes = new byte[capacity]; }

        void bits(int value, int n) {
            buffer |= (long) value << count;
            count += n;
            if (count >= 32) {
                ensure(4);
                int v = (int) buffer;
                bytes[pos] = (byte) v;
                bytes[pos + 1] = (byte) (v >>> 8);
                bytes[pos + 2] = (byte) (v >>> 16);
                bytes[pos + 3] = (byte) (v >>> 24);
                pos += 4;
                buffer >>>= 32;
                count -= 32;
            }
        }

        void alignToByte() {
            while (count > 0) {
                ensure(1);
                bytes[pos++] = (byte) buffer;
                buffer >>>= 8;
                count = Math.max(0, count - 8);
            }
            buffer = 0;
        }

        void ensure(int n) {
            if (pos + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, pos + n));
            }
        }
    }
}
