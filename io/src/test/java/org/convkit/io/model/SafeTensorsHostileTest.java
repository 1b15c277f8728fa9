package org.convkit.io.model;

import static org.convkit.io.model.RawSafeTensors.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and damaged safetensors files: each is refused by {@link SafeTensors#read} with a
 * {@link ModelFormatException} naming the fault, before any tensor is allocated.
 */
class SafeTensorsHostileTest {
    @TempDir
    Path dir;

    private String refused(Path file) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafeTensors.read(file));
        assertThrows(ModelFormatException.class, () -> SafeTensors.readMetadata(file));
        return e.getMessage();
    }

    private Path raw(String header, int dataBytes) throws IOException {
        return RawSafeTensors.write(dir.resolve("m.safetensors"), "{" + header + "}", new byte[dataBytes]);
    }

    @Test
    void overlappingTensorsAreRefused() throws IOException {
        // the same 8 bytes claimed twice: a 6 MB file could claim its bytes ten thousand times this way
        String m = refused(raw(entry("a", "F32", "2", 0, 8) + "," + entry("b", "F32", "2", 0, 8), 8));
        assertTrue(m.contains("overlaps tensor"), m);
        m = refused(raw(entry("a", "F32", "2", 0, 8) + "," + entry("b", "F32", "2", 4, 12), 12));
        assertTrue(m.contains("'b' (bytes 4 to 12) overlaps tensor 'a' (bytes 0 to 8)"), m);
    }

    @Test
    void manyTensorsOnTheSameBytesCannotMultiplyTheFile() throws IOException {
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            h.append(i == 0 ? "" : ",").append(entry("t" + i, "F32", "1024", 0, 4096));
        }
        assertTrue(refused(raw(h.toString(), 4096)).contains("overlaps"));
    }

    @Test
    void gapsAndBytesAfterTheLastTensorAreRefused() throws IOException {
        String m = refused(raw(entry("a", "F32", "1", 0, 4) + "," + entry("b", "F32", "1", 8, 12), 12));
        assertTrue(m.contains("a gap of 4 bytes before tensor 'b'"), m);
        m = refused(raw(entry("a", "F32", "1", 4, 8), 8));
        assertTrue(m.contains("a gap of 4 bytes before tensor 'a'"), m);
        m = refused(raw(entry("a", "F32", "1", 0, 4), 10));
        assertTrue(m.contains("6 bytes follow the last tensor"), m);
    }

    @Test
    void offsetsPastTheEndOfTheFileAreTruncation() throws IOException {
        String m = refused(raw(entry("a", "F32", "4", 0, 16), 9));
        assertTrue(m.contains("model file is truncated: its tensors need 16 bytes of data, the file holds 9"), m);
        // a claim of 80 GB in a tiny file: refused from the header, nothing allocated
        m = refused(raw(entry("a", "F32", "20000000000", 0, 80_000_000_000L), 64));
        assertTrue(m.contains("truncated"), m);
    }

    @Test
    void offsetsMustMatchShapeAndDtype() throws IOException {
        String m = refused(raw(entry("a", "F32", "3", 0, 8), 8));
        assertTrue(m.contains("data_offsets [0, 8] (8 bytes) but its shape [3] of F32 needs 12 bytes"), m);
        m = refused(raw(entry("a", "F32", "1", 8, 4), 8));
        assertTrue(m.contains("end before they begin"), m);
        m = refused(raw(entry("a", "F32", "-1", 0, 4), 4));
        assertTrue(m.contains("a dimension that is not a non-negative 64-bit integer"), m);
        m = refused(raw(entry("a", "F32", "\"1\"", 0, 4), 4));
        assertTrue(m.contains("a dimension that is not"), m);
        m = refused(raw(entry("a", "F32", "1", 0, 4).replace("[0,4]", "[0,4.0]"), 4));
        assertTrue(m.contains("a data offset that is not"), m);
        m = refused(raw(entry("a", "BF16", "1", 0, 2), 2));
        assertTrue(m.contains("dtype 'BF16', which convkit does not read"), m);
        m = refused(raw("\"a\":{\"dtype\":\"F32\",\"shape\":[1]}", 4));
        assertTrue(m.contains("lacks a shape or data_offsets"), m);
        m = refused(raw("\"a\":[1,2]", 0));
        assertTrue(m.contains("is not described by a JSON object"), m);
    }

    @Test
    void shapeProductsThatOverflowAreRefused() throws IOException {
        String m = refused(raw(entry("a", "F32", "4294967296,4294967296", 0, 0), 0));
        assertTrue(m.contains("whose size does not fit 64 bits"), m);
        // 2^62 elements of 4 bytes: the byte count wraps to exactly 0 in plain long arithmetic
        m = refused(raw(entry("a", "F32", "4611686018427387904", 0, 0), 0));
        assertTrue(m.contains("whose size does not fit 64 bits"), m);
        m = refused(raw(entry("a", "U8", "99999999999999999999", 0, 0), 0));
        assertTrue(m.contains("a dimension that is not a non-negative 64-bit integer"), m);
    }

    @Test
    void aTensorTooLargeForOneArrayIsRefusedByItsHeaderAlone() throws IOException {
        // consistent offsets, but truncation is reported first for a file that cannot hold it
        String m = refused(raw(entry("a", "U8", "3000000000", 0, 3_000_000_000L), 16));
        assertTrue(m.contains("truncated"), m);
    }

    @Test
    void headerLengthsThatDoNotFitTheFileAreRefused() throws IOException {
        Path f = dir.resolve("h");
        String m = refused(RawSafeTensors.write(f, 1L << 40, "{}".getBytes(), new byte[0]));
        assertTrue(m.contains("header length 1099511627776 is over the 100 MB limit"), m);
        m = refused(RawSafeTensors.write(f, -1, "{}".getBytes(), new byte[0]));
        assertTrue(m.contains("header length 18446744073709551615 is over the 100 MB limit"), m);
        m = refused(RawSafeTensors.write(f, 50_000_000, "{}".getBytes(), new byte[0]));
        assertTrue(m.contains("header length 50000000 does not fit a file of 10 bytes"), m);
        m = refused(RawSafeTensors.write(f, 0, new byte[0], new byte[0]));
        assertTrue(m.startsWith("not a safetensors model file"), m);
    }

    @Test
    void emptyAndTinyFilesAreRefused() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.safetensors"));
        assertEquals("not a safetensors model file (0 bytes, too short)", refused(empty));
        Path seven = Files.write(dir.resolve("seven"), new byte[7]);
        assertTrue(refused(seven).contains("too short"));
    }

    @Test
    void headersThatAreNotStrictJsonTextAreRefused() throws IOException {
        Path f = dir.resolve("j");
        String m = refused(RawSafeTensors.write(f, 4, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, new byte[0]));
        assertTrue(m.contains("not UTF-8"), m);
        m = refused(raw(entry("a", "F32", "1", 0, 4) + "," + entry("a", "F32", "1", 4, 8), 8));
        assertTrue(m.contains("a name appears twice"), m);
        m = refused(RawSafeTensors.write(f, "[1,2]", new byte[0]));
        assertTrue(m.contains("not a JSON object"), m);
        m = refused(raw("\"__metadata__\":{\"arch\":42}", 0));
        assertTrue(m.contains("metadata entry 'arch' is not a string"), m);
        m = refused(raw("\"__metadata__\":[1]", 0));
        assertTrue(m.contains("__metadata__ is not a JSON object"), m);
    }

    @Test
    void tensorsInAnyHeaderOrderAndEmptyTensorsLoad() throws IOException {
        Path f = raw(entry("b", "U8", "4", 4, 8) + "," + entry("empty", "F32", "0,7", 4, 4) + "," + entry("a", "I32", "1", 0, 4)
                + ",\"__metadata__\":{\"k\":\"v\"}", 8);
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(java.util.List.of("b", "empty", "a"), java.util.List.copyOf(c.tensors().keySet()));
        assertEquals(0, c.require("empty").elements());
        assertEquals("v", SafeTensors.readMetadata(f).get("k"));
    }
}
