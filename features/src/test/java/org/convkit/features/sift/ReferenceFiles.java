package org.convkit.features.sift;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the raw little-endian float32 references under {@code testdata/} (tests run in {@code features/}). */
public final class ReferenceFiles {
    private ReferenceFiles() {}

    public static Path testdata(String relative) {
        Path p = Path.of("..", "testdata").resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing reference file " + p.toAbsolutePath());
        }
        return p;
    }

    public static float[] floats(String relative) throws IOException {
        byte[] b = Files.readAllBytes(testdata(relative));
        float[] f = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }
}
