package org.convkit.io.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convkit.io.AtomicOutput;

/**
 * The safetensors container (Hugging Face's format, readable by PyTorch tooling): an 8-byte
 * little-endian header length N, N bytes of JSON naming each tensor's {@code dtype}, {@code shape} and
 * {@code data_offsets} (relative to the end of the header), an optional {@code __metadata__} map of
 * strings, then the tensors' bytes, little-endian, C order.
 *
 * <p>convkit's model files (CNN and shallow baseline) all use it, so opening a model can never run
 * code, unlike Java serialization or pickle. Every structural fault of a file is reported as a
 * {@link ModelFormatException} whose message says what is wrong.
 */
public final class SafeTensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {}

    /** Element types convkit writes and reads. */
    public enum DType {
        F32(4), F64(8), I64(8), I32(4), U8(1);

        final int bytes;

        DType(int bytes) { this.bytes = bytes; }
    }

    /** One named array: its type, shape and raw little-endian bytes. */
    public record Tensor(DType dtype, long[] shape, byte[] bytes) {
        public Tensor {
            long needed = Math.multiplyExact(elementCount(shape), dtype.bytes);
            if (needed != bytes.length) {
                throw new IllegalArgumentException("tensor of shape " + java.util.Arrays.toString(shape) + " and type "
                        + dtype + " needs " + needed + " bytes, got " + bytes.length);
            }
        }

        public static Tensor ofFloats(float[] values, long... shape) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            return new Tensor(DType.F32, shape, b.array());
        }

        public static Tensor ofLongs(long[] values, long... shape) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(values);
            return new Tensor(DType.I64, shape, b.array());
        }

        public static Tensor ofInts(int[] values, long... shape) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asIntBuffer().put(values);
            return new Tensor(DType.I32, shape, b.array());
        }

        public long elements() { return elementCount(shape); }

        /** The values as floats (F32 as they are; the other types converted). */
        public float[] floats() {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[(int) elements()];
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (dtype) {
                    case F32 -> b.getFloat();
                    case F64 -> (float) b.getDouble();
                    case I64 -> b.getLong();
                    case I32 -> b.getInt();
                    case U8 -> b.get() & 0xff;
                };
            }
            return out;
        }

        /** The values as longs (integer types; floats must hold whole numbers). */
        public long[] longs() {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            long[] out = new long[(int) elements()];
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (dtype) {
                    case F32 -> (long) b.getFloat();
                    case F64 -> (long) b.getDouble();
                    case I64 -> b.getLong();
                    case I32 -> b.getInt();
                    case U8 -> b.get() & 0xff;
                };
            }
            return out;
        }
    }

    /** A file's tensors in header order, and its metadata strings. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** The tensor called {@code name}; an IOException naming it when the file lacks it. */
        public Tensor require(String name) throws ModelFormatException {
            Tensor t = tensors.get(name);
            if (t == null) {
                throw new ModelFormatException("model file has no tensor '" + name + "'");
            }
            return t;
        }

        /** The metadata string {@code key}; an IOException naming it when the file lacks it. */
        public String requireMetadata(String key) throws ModelFormatException {
            String v = metadata.get(key);
            if (v == null) {
                throw new ModelFormatException("model file has no metadata entry '" + key + "'");
            }
            return v;
        }
    }

    /**
     * Writes {@code tensors} (in map order) and {@code metadata} to {@code file} through a temporary
     * file in the same folder, flushed to the disk and renamed into place (then the folder flushed), so
     * that neither a crash nor a power cut leaves half a model under its name.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicOutput.write(file, true, out -> { // the file-system rules of every output: fsync, rename, fsync the folder
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(len.array());
            out.write(header);
            for (Tensor t : tensors.values()) {
                out.write(t.bytes());
            }
        });
    }

    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("'__metadata__' is reserved and cannot name a tensor");
            }
            Tensor t = e.getValue();
            ObjectNode node = root.putObject(e.getKey());
            node.put("dtype", t.dtype().name());
            var shape = node.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            node.putArray("data_offsets").add(offset).add(offset + t.bytes().length);
            offset += t.bytes().length;
        }
        StringBuilder json = new StringBuilder(JSON.writeValueAsString(root));
        while (json.length() % 8 != 0) {
            json.append(' '); // the format pads the header with spaces to keep the data 8-byte aligned
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a whole safetensors file. Its header is checked against the file's size before any tensor is
     * allocated (see {@link SafeTensorsHeader}), so the tensors never take more memory than the file has
     * bytes. A foreign, truncated or damaged file is a {@link ModelFormatException} saying what is wrong.
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SafeTensorsHeader header = header(ch);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (SafeTensorsHeader.Entry e : header.entries()) {
                ByteBuffer buf = ByteBuffer.allocate((int) e.bytes());
                readFully(ch, buf, header.dataStart() + e.begin());
                tensors.put(e.name(), new Tensor(e.dtype(), e.shape(), buf.array()));
            }
            return new Contents(tensors, header.metadata());
        }
    }

    /** Only the metadata of a safetensors file, checked as {@link #read} checks it but without reading the tensors. */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(ch).metadata();
        }
    }

    private static SafeTensorsHeader header(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new ModelFormatException("not a safetensors model file (" + size + " bytes, too short)");
        }
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, len, 0);
        long headerLength = SafeTensorsHeader.checkLength(len.flip().getLong(), size);
        ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
        readFully(ch, hb, 8);
        return SafeTensorsHeader.parse(hb.array(), size);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new ModelFormatException("model file is truncated");
            }
            pos += n;
        }
    }

    /** The product of the dimensions; ArithmeticException when it does not fit 64 bits. */
    static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
