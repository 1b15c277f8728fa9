package org.convkit.cli.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors container (Hugging Face's format, readable by PyTorch tooling): an 8-byte
 * little-endian header length N, N bytes of JSON naming each tensor's {@code dtype}, {@code shape} and
 * {@code data_offsets} (relative to the end of the header), an optional {@code __metadata__} map of
 * strings, then the tensors' bytes, little-endian, C order.
 *
 * <p>convkit's model files (CNN and shallow baseline) all use it, so opening a model can never run
 * code, unlike Java serialization or pickle. Every structural fault of a file is reported as an
 * {@link IOException} whose message says what is wrong.
 */
public final class SafeTensors {
    /** Larger headers than this are taken as a foreign or corrupt file rather than read. */
    private static final long MAX_HEADER_BYTES = 100L << 20;
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
            long n = elementCount(shape);
            if (n * dtype.bytes != bytes.length) {
                throw new IllegalArgumentException("tensor of shape " + java.util.Arrays.toString(shape) + " and type "
                        + dtype + " needs " + n * dtype.bytes + " bytes, got " + bytes.length);
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
        public Tensor require(String name) throws IOException {
            Tensor t = tensors.get(name);
            if (t == null) {
                throw new IOException("model file has no tensor '" + name + "'");
            }
            return t;
        }

        /** The metadata string {@code key}; an IOException naming it when the file lacks it. */
        public String requireMetadata(String key) throws IOException {
            String v = metadata.get(key);
            if (v == null) {
                throw new IOException("model file has no metadata entry '" + key + "'");
            }
            return v;
        }
    }

    /**
     * Writes {@code tensors} (in map order) and {@code metadata} to {@code file} through a temporary
     * file in the same folder and an atomic rename, so a crash never leaves half a model.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
                out.write(len.array());
                out.write(header);
                for (Tensor t : tensors.values()) {
                    out.write(t.bytes());
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
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

    /** Reads a whole safetensors file; an IOException that says what is wrong for a foreign, truncated or corrupt one. */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new IOException("not a safetensors model file (" + size + " bytes, too short)");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long headerLength = len.flip().getLong();
            if (headerLength <= 1 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > size) {
                throw new IOException("not a safetensors model file (header length " + headerLength
                        + " does not fit a file of " + size + " bytes)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
            readFully(ch, hb, 8);
            JsonNode root;
            try {
                root = JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw new IOException("not a safetensors model file (its header is not JSON)");
            }
            if (root == null || !root.isObject()) {
                throw new IOException("not a safetensors model file (its header is not a JSON object)");
            }
            long dataStart = 8 + headerLength;
            long dataSize = size - dataStart;
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                tensors.put(e.getKey(), readTensor(ch, e.getKey(), e.getValue(), dataStart, dataSize));
            }
            return new Contents(tensors, metadata);
        }
    }

    private static Tensor readTensor(FileChannel ch, String name, JsonNode node, long dataStart, long dataSize)
            throws IOException {
        DType dtype;
        try {
            dtype = DType.valueOf(node.path("dtype").asText());
        } catch (IllegalArgumentException e) {
            throw new IOException("tensor '" + name + "' has dtype '" + node.path("dtype").asText()
                    + "', which convkit does not read (F32, F64, I64, I32, U8)");
        }
        JsonNode shapeNode = node.path("shape");
        JsonNode offsets = node.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new IOException("tensor '" + name + "' lacks a shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
            if (shape[i] < 0) {
                throw new IOException("tensor '" + name + "' has a negative or non-numeric dimension");
            }
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        long expected = elementCount(shape) * dtype.bytes;
        if (begin < 0 || end < begin || end - begin != expected) {
            throw new IOException("tensor '" + name + "' has data_offsets [" + begin + ", " + end
                    + "] that do not fit its shape");
        }
        if (end > dataSize) {
            throw new IOException("model file is truncated: tensor '" + name + "' ends at byte " + (dataStart + end)
                    + " of a " + (dataStart + dataSize) + "-byte file");
        }
        if (expected > Integer.MAX_VALUE - 8) {
            throw new IOException("tensor '" + name + "' is too large to load (" + expected + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) expected);
        readFully(ch, buf, dataStart + begin);
        return new Tensor(dtype, shape, buf.array());
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("model file is truncated");
            }
            pos += n;
        }
    }

    private static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
