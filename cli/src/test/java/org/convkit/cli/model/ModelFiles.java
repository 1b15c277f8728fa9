package org.convkit.cli.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convkit.io.model.SafeTensors;

/** Model files changed for tests: the same tensors under other metadata. */
public final class ModelFiles {
    private ModelFiles() {}

    /** {@code model} written to {@code out} with metadata {@code key} set to {@code value} (null: removed). */
    public static Path withMetadata(Path model, Path out, String key, String value) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(model);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        if (value == null) {
            meta.remove(key);
        } else {
            meta.put(key, value);
        }
        SafeTensors.write(out, c.tensors(), meta);
        return out;
    }
}
