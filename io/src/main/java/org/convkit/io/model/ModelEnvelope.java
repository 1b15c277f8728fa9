package org.convkit.io.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.convkit.io.model.SafeTensors.Tensor;

/**
 * What every convkit model file holds besides its own arrays and parameters, written and checked here for
 * every kind ({@link ModelKind}). The file is safetensors; in its {@code __metadata__}, in this order:
 * <ul>
 * <li>{@code convkit.format} and {@code convkit.format_version}: the kind and its format version;</li>
 * <li>{@code convkit.crc32}: CRC-32 (lower-case hex) over each tensor's name (UTF-8) and bytes, in file order,
 *     so that a damaged file is refused rather than silently giving other predictions;</li>
 * <li>{@code classes}: the class names, a JSON array;</li>
 * <li>{@code input.width}, {@code input.height}, {@code input.channels}: the images it was trained on;</li>
 * <li>{@code normalization.mean}, {@code normalization.std}: JSON arrays, one number per channel, absent when
 *     the model takes its inputs as they are.</li>
 * </ul>
 * The kind's own entries follow. Reading checks the container ({@link SafeTensors#read}: the header against the
 * file before any tensor is allocated), then the kind and version, the CRC, and every entry above; each fault is
 * a {@link ModelFormatException} with a one-line reason.
 */
public record ModelEnvelope(List<String> classes, InputShape input, float[] mean, float[] std) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelEnvelope {
        classes = List.copyOf(classes);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one class");
        }
        if ((mean == null) != (std == null)) {
            throw new IllegalArgumentException("normalisation needs both a mean and a std, or neither");
        }
        if (mean != null && (mean.length != input.channels() || std.length != input.channels())) {
            throw new IllegalArgumentException("normalisation needs one mean and std per input channel (" + input.channels() + ")");
        }
    }

    /** A model that takes its inputs without normalisation. */
    public ModelEnvelope(List<String> classes, InputShape input) { this(classes, input, null, null); }

    public boolean normalised() { return mean != null; }

    /** A file's tensors and metadata (all of it, the envelope's entries included), with its envelope read and checked. */
    public record Contents(ModelEnvelope envelope, int version, Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** The kind's metadata entry {@code key}; a {@link ModelFormatException} naming it when the file lacks it. */
        public String require(String key) throws ModelFormatException { return required(metadata, key); }
    }

    /**
     * Writes {@code tensors} (in map order) as a model of {@code kind}'s current version: this envelope's entries,
     * then {@code metadata} (the kind's own, in map order), atomically ({@link SafeTensors#write}).
     */
    public void write(Path file, ModelKind kind, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("convkit.format", kind.format());
        meta.put("convkit.format_version", Integer.toString(kind.current()));
        meta.put("convkit.crc32", checksum(tensors));
        meta.put("classes", json(classes));
        meta.put("input.width", Integer.toString(input.width()));
        meta.put("input.height", Integer.toString(input.height()));
        meta.put("input.channels", Integer.toString(input.channels()));
        if (normalised()) {
            meta.put("normalization.mean", json(mean));
            meta.put("normalization.std", json(std));
        }
        metadata.forEach((k, v) -> {
            if (meta.containsKey(k)) {
                throw new IllegalArgumentException("metadata entry '" + k + "' belongs to the envelope");
            }
            meta.put(k, v);
        });
        SafeTensors.write(file, tensors, meta);
    }

    /**
     * Reads a model file of {@code kind}: a {@link ModelFormatException} for a file that is not safetensors, is
     * truncated or damaged, is of another kind or of a version this build does not read, or whose envelope entries
     * are missing or inconsistent.
     */
    public static Contents read(Path file, ModelKind kind) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        String format = meta.get("convkit.format");
        if (format == null) {
            throw new ModelFormatException("not a convkit " + kind.name() + " model (a safetensors file without convkit's format entry)");
        }
        if (!format.equals(kind.format())) {
            throw new ModelFormatException("a " + format + " model, not a " + kind.name() + " model (" + kind.format() + ")");
        }
        int version = integer(meta, "convkit.format_version");
        if (version < kind.oldest() || version > kind.current()) {
            throw new ModelFormatException(kind.name() + " model format version " + version + ", but this convkit reads versions " + kind.oldest()
                    + " to " + kind.current() + " (train the model again with this convkit, or use the convkit that wrote it)");
        }
        boolean enveloped = version >= kind.enveloped();
        if (enveloped && !required(meta, "convkit.crc32").equals(checksum(c.tensors()))) {
            throw new ModelFormatException("damaged model file: its arrays do not match their checksum");
        }
        List<String> classes = classes(required(meta, "classes"));
        InputShape input;
        try {
            input = enveloped ? new InputShape(integer(meta, "input.width"), integer(meta, "input.height"), integer(meta, "input.channels"))
                    : InputShape.ofChw(InputShape.parseChw(required(meta, "input.shape")));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("model metadata: " + e.getMessage());
        }
        float[] mean = meta.containsKey("normalization.mean") ? floats(meta, "normalization.mean") : null;
        float[] std = meta.containsKey("normalization.std") ? floats(meta, "normalization.std") : null;
        if (std != null) {
            for (float s : std) {
                if (!(s > 0)) {
                    throw new ModelFormatException("model metadata 'normalization.std' holds " + s + "; a standard deviation must be positive");
                }
            }
        }
        try {
            return new Contents(new ModelEnvelope(classes, input, mean, std), version, c.tensors(), meta);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("model metadata is inconsistent: " + e.getMessage());
        }
    }

    /** The {@code convkit.crc32} entry of these tensors: the CRC-32 of their names and bytes, in map order, in hex. */
    public static String checksum(Map<String, Tensor> tensors) {
        CRC32 crc = new CRC32();
        tensors.forEach((name, t) -> {
            crc.update(name.getBytes(StandardCharsets.UTF_8));
            crc.update(t.bytes());
        });
        return Long.toHexString(crc.getValue());
    }

    private static String required(Map<String, String> meta, String key) throws ModelFormatException {
        String v = meta.get(key);
        if (v == null) {
            throw new ModelFormatException("model file has no metadata entry '" + key + "'");
        }
        return v;
    }

    private static int integer(Map<String, String> meta, String key) throws ModelFormatException {
        String s = required(meta, key);
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new ModelFormatException("model metadata '" + key + "' is not a number: '" + s + "'");
        }
    }

    private static List<String> classes(String s) throws ModelFormatException {
        List<String> names;
        try {
            names = JSON.readValue(s, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("model metadata 'classes' is not a JSON list of names");
        }
        if (names == null || names.isEmpty() || names.contains(null)) {
            throw new ModelFormatException("model metadata 'classes' is not a list of names");
        }
        return names;
    }

    private static float[] floats(Map<String, String> meta, String key) throws ModelFormatException {
        float[] v;
        try {
            v = JSON.readValue(meta.get(key), float[].class);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("model metadata '" + key + "' is not a JSON list of numbers");
        }
        if (v == null) {
            throw new ModelFormatException("model metadata '" + key + "' is not a JSON list of numbers");
        }
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new ModelFormatException("model metadata '" + key + "' holds a non-finite value");
            }
        }
        return v;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
