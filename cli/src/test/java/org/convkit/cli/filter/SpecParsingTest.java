package org.convkit.cli.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.convkit.filters.border.Border;
import org.convkit.filters.border.BorderMode;
import org.convkit.filters.image.Plane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecParsingTest {

    /** A 5x4 ramp with one bright pixel: enough to tell kernels, flips and borders apart. */
    private static Plane sample() {
        Plane p = new Plane(5, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                p.set(x, y, x * 10 + y * 3);
            }
        }
        p.set(2, 1, 200);
        return p;
    }

    private static float[] apply(String spec, boolean correlate, boolean normalize) {
        return KernelSpec.parse(spec).toFilter(correlate, normalize).apply(sample(), Border.REFLECT_101).data();
    }

    @Test
    void namedKernelsAndParameters() {
        assertEquals(KernelSpec.Name.GAUSSIAN, KernelSpec.parse("gaussian:sigma=2,size=9").name());
        assertEquals("9", KernelSpec.parse("gaussian:sigma=2, size=9").params().get("size"));
        assertEquals(KernelSpec.Name.BOX, KernelSpec.parse("mean:size=3").name());
        assertEquals("5", KernelSpec.parse("box:5").params().get("size"));
        assertEquals(KernelSpec.Name.SOBEL_X, KernelSpec.parse("SOBEL-X").name());
        assertEquals(KernelSpec.Name.MEDIAN, KernelSpec.parse("median:size=3").name());
        assertEquals("0.5", KernelSpec.parse("unsharp:sigma=1,amount=0.5").params().get("amount"));
        // a lone value is the first parameter
        assertArrayEquals(apply("box:size=3", false, false), apply("box:3", false, false));
        assertArrayEquals(apply("gaussian:sigma=1.5", false, false), apply("gaussian:1.5", false, false));
    }

    @Test
    void badKernelSpecsNameTheValidChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse("gausian:sigma=2"));
        assertTrue(e.getMessage().contains("valid: box, gaussian"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse("gaussian"))
                .getMessage().contains("needs sigma"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse("gaussian:sigma=2,radius=3"))
                .getMessage().contains("unknown parameter 'radius'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse("box:size=x"))
                .getMessage().contains("whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse("sobel-x:size=3"))
                .getMessage().contains("takes no parameters"));
        assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse("gaussian:sigma=2,size=4")); // even
        assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse("median:size=0"));
        assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse("custom:"));
        assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse("custom:1 2; 3"));
    }

    @Test
    void customMatricesInlineQuotedAndFromFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("k.txt");
        Files.writeString(file, "# a Sobel, written as a correlation\n-1 0 1\n-2 0 2\n-1 0 1\n");
        float[] inline = apply("custom:-1 0 1; -2 0 2; -1 0 1", true, false);
        assertArrayEquals(inline, apply("custom:\"-1 0 1; -2 0 2; -1 0 1\"", true, false));
        assertArrayEquals(inline, apply("custom:@" + file, true, false));
        // correlating [-1 0 1] is convolving [1 0 -1]: the named sobel-x
        assertArrayEquals(apply("sobel-x", false, false), inline, 1e-3f);
        // named kernels ignore --correlate; custom ones are flipped without it
        assertArrayEquals(apply("sobel-x", false, false), apply("sobel-x", true, false), 1e-4f);
        float[] convolved = apply("custom:-1 0 1; -2 0 2; -1 0 1", false, false);
        for (int i = 0; i < inline.length; i++) {
            assertEquals(-inline[i], convolved[i], 1e-4f);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse("custom:@" + dir.resolve("missing.txt")))
                .getMessage().contains("cannot read kernel file"));
    }

    @Test
    void normalizeDividesCustomKernelsBySum() {
        assertArrayEquals(apply("box:3", false, false), apply("custom:1 1 1; 1 1 1; 1 1 1", false, true), 1e-4f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelSpec.parse("custom:-1 0 1").toFilter(false, true));
        assertTrue(e.getMessage().contains("sums to 0"), e.getMessage());
    }

    @Test
    void borderNamesAndAliases() {
        assertEquals(Border.ZERO, BorderSpec.parse("zero"));
        assertEquals(Border.ZERO, BorderSpec.parse("clip"));
        assertEquals(Border.constant(7.5f), BorderSpec.parse("constant:7.5"));
        assertEquals(Border.constant(0f), BorderSpec.parse("constant"));
        for (String s : new String[] {"replicate", "edge", "nearest"}) {
            assertEquals(BorderMode.REPLICATE, BorderSpec.parse(s).mode(), s);
        }
        assertEquals(BorderMode.REFLECT, BorderSpec.parse("reflect").mode());
        for (String s : new String[] {"reflect101", "reflect-101", "mirror", "Reflect101"}) {
            assertEquals(BorderMode.REFLECT_101, BorderSpec.parse(s).mode(), s);
        }
        assertEquals(BorderMode.WRAP, BorderSpec.parse("wrap").mode());
    }

    @Test
    void badBorderSpecsNameTheValidChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BorderSpec.parse("refelct"));
        assertTrue(e.getMessage().contains("valid: zero (clip), constant:V, replicate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BorderSpec.parse("constant:abc"));
        assertThrows(IllegalArgumentException.class, () -> BorderSpec.parse("wrap:3"));
    }
}
