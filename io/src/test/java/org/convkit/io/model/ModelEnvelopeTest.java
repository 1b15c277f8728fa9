package org.convkit.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.io.model.SafeTensors.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The envelope every model file shares: written in one order, read back, and each fault refused with its reason. */
class ModelEnvelopeTest {
    static final ModelKind KIND = new ModelKind("convkit-test", "test", 1, 3, 2);

    @TempDir
    Path dir;

    private final Map<String, Tensor> tensors = new LinkedHashMap<>(Map.of("w", Tensor.ofFloats(new float[] {1, 2, 3, 4}, 2, 2)));
    private final ModelEnvelope rgb = new ModelEnvelope(List.of("cat", "dog"), new InputShape(32, 24, 3), new float[] {0.5f, 0.4f, 0.3f},
            new float[] {0.2f, 0.2f, 0.25f});

    private Path written(ModelEnvelope e) throws IOException {
        Path file = dir.resolve("m.safetensors");
        Files.deleteIfExists(file);
        e.write(file, KIND, tensors, Map.of("own.entry", "x"));
        return file;
    }

    /** The file {@code m.safetensors} with metadata {@code key} set to {@code value} (null: removed), tensors kept. */
    private Path with(Path model, String key, String value) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(model);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        if (value == null) {
            meta.remove(key);
        } else {
            meta.put(key, value);
        }
        Path out = dir.resolve("changed.safetensors");
        Files.deleteIfExists(out);
        SafeTensors.write(out, c.tensors(), meta);
        return out;
    }

    private String refused(Path file) {
        return assertThrows(ModelFormatException.class, () -> ModelEnvelope.read(file, KIND)).getMessage();
    }

    @Test
    void writesItsEntriesFirstAndReadsThemBack() throws IOException {
        Path file = written(rgb);
        Map<String, String> meta = SafeTensors.readMetadata(file);
        assertEquals(List.of("convkit.format", "convkit.format_version", "convkit.crc32", "classes", "input.width", "input.height",
                "input.channels", "normalization.mean", "normalization.std", "own.entry"), List.copyOf(meta.keySet()));
        assertEquals("3", meta.get("convkit.format_version"));
        assertEquals("[\"cat\",\"dog\"]", meta.get("classes"));
        ModelEnvelope.Contents c = ModelEnvelope.read(file, KIND);
        assertEquals(3, c.version());
        assertEquals(List.of("cat", "dog"), c.envelope().classes());
        assertEquals(new InputShape(32, 24, 3), c.envelope().input());
        assertArrayEquals(rgb.mean(), c.envelope().mean());
        assertArrayEquals(rgb.std(), c.envelope().std());
        assertEquals("x", c.require("own.entry"));
        assertArrayEquals(tensors.get("w").bytes(), c.tensors().get("w").bytes());
    }

    @Test
    void normalisationMayBeAbsent() throws IOException {
        Path file = written(new ModelEnvelope(List.of("a"), new InputShape(8, 8, 1)));
        assertFalse(SafeTensors.readMetadata(file).containsKey("normalization.mean"));
        ModelEnvelope e = ModelEnvelope.read(file, KIND).envelope();
        assertFalse(e.normalised());
        assertNull(e.std());
        assertTrue(refused(with(file, "normalization.std", "[1]")).contains("both a mean and a std, or neither"));
    }

    @Test
    void aChangedTensorByteIsADamagedFile() throws IOException {
        byte[] bytes = Files.readAllBytes(written(rgb));
        bytes[bytes.length - 1] ^= 0x01;
        Path flipped = Files.write(dir.resolve("flipped.safetensors"), bytes);
        assertEquals("damaged model file: its arrays do not match their checksum", refused(flipped));
    }

    @Test
    void otherKindsAndVersionsAreRefused() throws IOException {
        Path file = written(rgb);
        assertTrue(refused(with(file, "convkit.format", null)).startsWith("not a convkit test model"));
        assertEquals("a convkit-cnn model, not a test model (convkit-test)", refused(with(file, "convkit.format", "convkit-cnn")));
        assertTrue(refused(with(file, "convkit.format_version", "4")).startsWith("test model format version 4, but this convkit reads versions 1 to 3"));
        assertTrue(refused(with(file, "convkit.format_version", "0")).contains("format version 0"));
        assertTrue(refused(with(file, "convkit.format_version", "three")).contains("'convkit.format_version' is not a number"));
    }

    @Test
    void eachEntryIsChecked() throws IOException {
        Path file = written(rgb);
        assertTrue(refused(with(file, "classes", "[]")).contains("'classes' is not a list of names"));
        assertTrue(refused(with(file, "classes", "{")).contains("'classes' is not a JSON list of names"));
        assertTrue(refused(with(file, "input.width", "-1")).contains("is not an image shape"));
        assertTrue(refused(with(file, "input.channels", "2")).contains("is not an image shape"));
        assertTrue(refused(with(file, "input.height", null)).contains("no metadata entry 'input.height'"));
        assertTrue(refused(with(file, "normalization.mean", "[1, 2]")).contains("one mean and std per input channel (3)"));
        assertTrue(refused(with(file, "normalization.std", "[1, 0, 1]")).contains("a standard deviation must be positive"));
        assertTrue(refused(with(file, "normalization.mean", "[1, \"NaN\", 1]")).contains("not a JSON list of numbers")
                || refused(with(file, "normalization.mean", "[1, \"NaN\", 1]")).contains("non-finite"));
        assertTrue(refused(with(file, "convkit.crc32", null)).contains("no metadata entry 'convkit.crc32'"));
    }

    /** Versions before the envelope carry no checksum and give the input shape as CxHxW. */
    @Test
    void versionsBeforeTheEnvelopeAreRead() throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("convkit.format", "convkit-test");
        meta.put("convkit.format_version", "1");
        meta.put("input.shape", "3x24x32");
        meta.put("classes", "[\"cat\",\"dog\"]");
        Path old = dir.resolve("v1.safetensors");
        SafeTensors.write(old, tensors, meta);
        ModelEnvelope.Contents c = ModelEnvelope.read(old, KIND);
        assertEquals(1, c.version());
        assertEquals(new InputShape(32, 24, 3), c.envelope().input());
        assertTrue(refused(with(old, "input.shape", "3x24")).contains("input shape '3x24' is not CxHxW"));
        assertTrue(refused(with(old, "input.shape", "2x24x32")).contains("is not an image shape"));
    }

    @Test
    void theKindCannotWriteTheEnvelopesEntries() {
        assertThrows(IllegalArgumentException.class,
                () -> rgb.write(dir.resolve("x.safetensors"), KIND, tensors, Map.of("classes", "[]")));
        assertFalse(Files.exists(dir.resolve("x.safetensors")));
    }
}
