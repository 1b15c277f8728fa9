package org.convkit.filters.resize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convkit.filters.image.Plane;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Resize.bilinear against Pillow's resize(BILINEAR) on a real image ({@code testdata/resize/make_refs.py}). */
class ResizeTest {
    private static final Path DIR = Path.of("..", "testdata", "resize");

    private static float[] read(String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(DIR.resolve(name))).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    @ParameterizedTest(name = "80x64 -> {0}x{1}")
    @CsvSource({"28,28", "40,32", "33,17", "160,128", "101,50"})
    void matchesPillow(int w, int h) throws IOException {
        Plane src = new Plane(80, 64, read("camera-crop-80x64.f32"));
        float[] expected = read("bilinear-" + w + "x" + h + ".f32");
        Plane out = Resize.bilinear(src, w, h);
        assertEquals(w, out.width());
        assertEquals(h, out.height());
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - out.data()[i]));
        }
        // 8-bit scale: Pillow accumulates in double, we in float.
        assertEquals(0f, worst, 1e-3f, "largest difference from Pillow");
    }

    @Test
    void sameSizeIsACopyAndBadSizesAreRefused() {
        Plane p = new Plane(3, 2, new float[] {1, 2, 3, 4, 5, 6});
        Plane q = Resize.bilinear(p, 3, 2);
        assertArrayEquals(p.data(), q.data());
        q.data()[0] = 9;
        assertEquals(1f, p.get(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Resize.bilinear(p, 0, 2));
    }
}
