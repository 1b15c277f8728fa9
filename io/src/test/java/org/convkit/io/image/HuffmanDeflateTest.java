package org.convkit.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** Our Huffman-only zlib streams inflate, with the JDK's zlib, back to exactly what went in. */
class HuffmanDeflateTest {

    private static byte[] inflate(byte[] z, int expected) throws DataFormatException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(z);
            byte[] out = new byte[expected + 16];
            int n = 0;
            while (!inf.finished()) {
                int k = inf.inflate(out, n, out.length - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new AssertionError("stream ends early");
                }
                n += k;
            }
            return Arrays.copyOf(out, n);
        } finally {
            inf.end();
        }
    }

    private static void roundTrip(byte[] data) throws DataFormatException {
        assertArrayEquals(data, inflate(HuffmanDeflate.zlib(data, data.length), data.length));
    }

    @Test
    void edgeCases() throws DataFormatException {
        // (no empty case: a PNG always has data, and the JDK's Inflater never reports an empty stream finished)
        roundTrip(new byte[] {42});
        roundTrip(new byte[100_000]);                               // one symbol (and end-of-block)
        roundTrip(new byte[HuffmanDeflate.BLOCK]);                  // exactly one block
        roundTrip(new byte[HuffmanDeflate.BLOCK + 1]);              // a second block of one byte
    }

    @Test
    void photoLikeUniformAndSkewedData() throws DataFormatException {
        Random r = new Random(7);
        byte[] residuals = new byte[786_944];                       // a filtered 512x512 RGB photo, roughly
        for (int i = 0; i < residuals.length; i++) residuals[i] = (byte) (r.nextGaussian() * 6);
        roundTrip(residuals);
        byte[] uniform = new byte[300_001];
        r.nextBytes(uniform);
        roundTrip(uniform);
        // geometric frequencies: an unlimited Huffman code would need more than 15 bits
        byte[] skewed = new byte[1_000_000];
        for (int i = 0; i < skewed.length; i++) {
            int k = 0;
            while (r.nextInt(2) == 0 && k < 255) k++;
            skewed[i] = (byte) k;
        }
        roundTrip(skewed);
        int[] lengths = HuffmanDeflate.codeLengths(histogram(skewed));
        assertTrue(Arrays.stream(lengths).max().getAsInt() <= 15);
    }

    private static long[] histogram(byte[] data) {
        long[] f = new long[257];
        for (byte b : data) f[b & 0xff]++;
        f[256] = 1;
        return f;
    }
}
