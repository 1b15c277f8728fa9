package org.convkit.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.io.model.SafeTensors.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private Path sample() throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("conv1.weight", Tensor.ofFloats(new float[] {1, -2, 3.5f, 4, 5, 6}, 1, 1, 2, 3));
        t.put("bn.num_batches_tracked", Tensor.ofLongs(new long[] {42}));
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, t, Map.of("arch", "lenet5", "classes", "[\"a\",\"b\"]"));
        return f;
    }

    @Test
    void roundTripsTensorsAndMetadata() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(sample());
        assertEquals(List.of("conv1.weight", "bn.num_batches_tracked"), List.copyOf(c.tensors().keySet()));
        assertArrayEquals(new float[] {1, -2, 3.5f, 4, 5, 6}, c.require("conv1.weight").floats());
        assertArrayEquals(new long[] {1, 1, 2, 3}, c.require("conv1.weight").shape());
        assertArrayEquals(new long[] {42}, c.require("bn.num_batches_tracked").longs());
        assertEquals(0, c.require("bn.num_batches_tracked").shape().length);
        assertEquals("lenet5", c.requireMetadata("arch"));
    }

    @Test
    void headerIsSpecCompliant() throws IOException {
        byte[] raw = Files.readAllBytes(sample());
        long n = ByteBuffer.wrap(raw, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8, "data must start 8-byte aligned");
        String header = new String(raw, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"dtype\":\"F32\""), header);
        assertTrue(header.contains("\"data_offsets\":[0,24]"), header);
        assertEquals(8 + n + 24 + 8, raw.length);
    }

    @Test
    void truncatedFileIsRejectedWithAReason() throws IOException {
        Path f = sample();
        byte[] raw = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(raw, raw.length - 5));
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void foreignFilesAreRejectedWithAReason() throws IOException {
        Path png = dir.resolve("x.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(png));
        assertTrue(e.getMessage().startsWith("not a safetensors model file"), e.getMessage());

        Path empty = Files.createFile(dir.resolve("empty"));
        assertThrows(IOException.class, () -> SafeTensors.read(empty));

        Path notJson = dir.resolve("nj");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(8).put("{{{{{{{{".getBytes());
        Files.write(notJson, b.array());
        e = assertThrows(IOException.class, () -> SafeTensors.read(notJson));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    @Test
    void missingTensorNamesIt() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(sample());
        IOException e = assertThrows(IOException.class, () -> c.require("fc.weight"));
        assertTrue(e.getMessage().contains("fc.weight"));
    }
}
