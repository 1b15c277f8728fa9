package org.convkit.features.hog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.convkit.features.testing.TestData;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HOG against scikit-image's {@code hog} on real images (testdata/features/make_hog_refs.py). */
class HogTest {
    private static final Path REFS = TestData.root().resolve("features/hog");

    static Stream<Arguments> cases() throws IOException { return casesOf("cases.tsv"); }

    private static Stream<Arguments> casesOf(String table) throws IOException {
        List<String[]> rows = TestData.tsv(REFS.resolve(table));
        return rows.stream().map(r -> Arguments.of(r[0], r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesScikitImage(String name, String[] row) throws IOException {
        matchesReference(name, row, false);
    }

    /** Checks HOG of a cases table row's image against the row's reference vector; returns the image. */
    private static FloatImage matchesReference(String name, String[] row, boolean signed) throws IOException {
        FloatImage image = load(row[1], row[2]);
        HogParameters params = parameters(row, signed);
        float[] expected = TestData.f32(REFS.resolve(name + ".f32"));
        assertEquals(Integer.parseInt(row[8]), expected.length);
        assertEquals(expected.length, params.length(image.width(), image.height()));
        assertClose(expected, new Hog(params).extract(image), 1e-5, name);
        return image;
    }

    /** A cases table row: name, image, crop, orientations, cell, block, block norm, transform-sqrt, length. */
    private static HogParameters parameters(String[] row, boolean signed) {
        int[] cell = pair(row[4]);
        int[] block = pair(row[5]);
        return new HogParameters(Integer.parseInt(row[3]), cell[0], cell[1], block[0], block[1],
                BlockNorm.parse(row[6]), Boolean.parseBoolean(row[7]), signed);
    }

    static Stream<Arguments> signedCases() throws IOException { return casesOf("signed-cases.tsv"); }

    /**
     * Signed orientations (over 360 degrees) against the NumPy HOG of bench/screening
     * (testdata/features/make_signed_hog_refs.py), which scikit-image lacks; the same parameters unsigned
     * must be far off, so that ignoring the flag fails.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("signedCases")
    void signedMatchesTheNumPyReference(String name, String[] row) throws IOException {
        FloatImage image = matchesReference(name, row, true);
        float[] expected = TestData.f32(REFS.resolve(name + ".f32"));
        float[] wrong = new Hog(parameters(row, false)).extract(image);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - wrong[i]));
        }
        assertTrue(worst > 1e-2, name + ": unsigned HOG within " + worst + " of the signed reference");
    }

    @Test
    void signedBinningAgreesWithTheExactFormulaEverywhere() {
        Random rnd = new Random(11);
        for (int n : new int[] {1, 2, 3, 4, 7, 9, 12, 18, 36}) {
            Hog hog = new Hog(new HogParameters(n, 8, 8, 2, 2, BlockNorm.L1, false, true));
            for (int gr = -40; gr <= 40; gr++) {
                for (int gc = -40; gc <= 40; gc++) {
                    assertEquals(hog.exactBin(gr, gc), hog.bin(gr, gc), "integer gradient " + gr + "," + gc + ", " + n + " bins");
                }
            }
            for (int i = 0; i < 200_000; i++) {
                int kind = rnd.nextInt(4); // reals over several scales, exact diagonals, zeros on one axis
                double gr = kind == 3 ? 0 : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 2);
                double gc = kind == 2 ? gr * (rnd.nextBoolean() ? 1 : -1) : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 2);
                assertEquals(hog.exactBin(gr, gc), hog.bin(gr, gc), "gradient " + gr + "," + gc + ", " + n + " bins");
            }
            for (double[] g : new double[][] {{-0.0, 1}, {-0.0, -1}, {0, -1}, {0, 0}, {1e-300, -1}, {-1e-300, 1}, {-1e-300, -1},
                    {1e-300, 1}, {-1e-17, 1}, {Double.MIN_VALUE, -5}, {3, Double.NaN}, {Double.NaN, 0}}) {
                assertEquals(hog.exactBin(g[0], g[1]), hog.bin(g[0], g[1]), g[0] + "," + g[1] + " with " + n + " bins");
            }
        }
        // the NumPy reference's rule: floor(angle / (360 / n)), angle = atan2(gr, gc) modulo 360
        Hog h18 = new Hog(new HogParameters(18, 8, 8, 2, 2, BlockNorm.L1, false, true));
        assertEquals(0, h18.bin(1, 100));
        assertEquals(4, h18.bin(100, 1));       // 89.4 degrees
        assertEquals(9, h18.bin(0, -1));        // 180 degrees
        assertEquals(13, h18.bin(-100, -1));    // 269.4 degrees
        assertEquals(17, h18.bin(-1, 100));     // 359.4 degrees
        assertEquals(-1, h18.bin(-1e-17, 1));   // -5.7e-16 degrees: % 360 rounds to 360, dropped as NumPy drops it
    }

    @Test
    void signedEightBitImagesTakeTheTableAndAgreeWithTheGeneralPath() throws Exception {
        FloatImage image = TestData.png("camera.png", 0, 0, 0, 0);
        Plane doubled = new Plane(image.width(), image.height());
        for (int i = 0; i < doubled.data().length; i++) {
            doubled.data()[i] = 2 * image.channel(0).data()[i];
        }
        for (int n : new int[] {5, 9, 18}) {
            Hog hog = new Hog(new HogParameters(n, 8, 8, 2, 2, BlockNorm.L2, false, true));
            float[] table = hog.cellHistograms(image);
            float[] general = hog.cellHistograms(new FloatImage(doubled));
            for (int i = 0; i < table.length; i++) {
                assertEquals(2 * table[i], general[i], n + " signed bins, value " + i);
            }
            // signed and unsigned tables are kept apart: with n bins the two differ
            float[] unsigned = new Hog(new HogParameters(n, 8, 8, 2, 2, BlockNorm.L2, false)).cellHistograms(image);
            assertTrue(!java.util.Arrays.equals(table, unsigned), n + " bins");
        }
    }

    @Test
    void visualisationMatchesScikitImage() throws IOException {
        FloatImage image = TestData.png("camera-crop.png", 0, 0, 0, 0);
        Plane vis = new Hog(HogParameters.DEFAULT).visualize(image, 1);
        assertEquals(image.width(), vis.width());
        assertEquals(image.height(), vis.height());
        float[] expected = TestData.f32(REFS.resolve("camera-L2-Hys-visual.f32"));
        assertClose(expected, vis.data(), 1e-4, "visualisation");
    }

    @Test
    void fastBinningAgreesWithTheExactFormulaEverywhere() {
        Random rnd = new Random(42);
        for (int n : new int[] {4, 6, 7, 8, 9, 12, 18}) {
            Hog hog = new Hog(new HogParameters(n, 8, 8, 2, 2, BlockNorm.L2, false));
            for (int gr = -40; gr <= 40; gr++) {
                for (int gc = -40; gc <= 40; gc++) {
                    assertEquals(hog.exactBin(gr, gc), hog.bin(gr, gc), "integer gradient " + gr + "," + gc);
                }
            }
            for (int i = 0; i < 200_000; i++) {
                double gr = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 2);
                double gc = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 2);
                assertEquals(hog.exactBin(gr, gc), hog.bin(gr, gc), "gradient " + gr + "," + gc);
            }
        }
    }

    @Test
    void eightBitImagesTakeTheTableAndAgreeWithTheGeneralPath() throws Exception {
        FloatImage image = TestData.png("camera.png", 0, 0, 0, 0);
        Plane doubled = new Plane(image.width(), image.height());
        for (int i = 0; i < doubled.data().length; i++) {
            doubled.data()[i] = 2 * image.channel(0).data()[i]; // 0..510: not 8-bit, so the general path
        }
        for (int n : new int[] {4, 9, 18}) {
            Hog hog = new Hog(new HogParameters(n, 8, 8, 2, 2, BlockNorm.L2, false));
            float[] table = hog.cellHistograms(image);
            float[] general = hog.cellHistograms(new FloatImage(doubled));
            for (int i = 0; i < table.length; i++) {
                assertEquals(2 * table[i], general[i], n + " bins, value " + i); // exact: magnitudes double, bins stay
            }
        }
    }

    @Test
    void binningAgreesWithTheExactFormulaOnZerosDiagonalsAndEdgeCases() {
        Random rnd = new Random(7);
        for (int n : new int[] {2, 3, 4, 8, 9, 12, 18}) {
            Hog hog = new Hog(new HogParameters(n, 8, 8, 2, 2, BlockNorm.L2, false));
            for (int i = 0; i < 100_000; i++) {
                int kind = rnd.nextInt(4); // integers, zeros, exact diagonals, and reals
                double gr = kind == 0 ? rnd.nextInt(21) - 10 : kind == 1 ? 0 : rnd.nextGaussian() * 50;
                double gc = kind == 2 ? gr * (rnd.nextBoolean() ? 1 : -1) : kind == 1 && rnd.nextBoolean() ? 0
                        : rnd.nextInt(3) == 0 ? rnd.nextInt(21) - 10 : rnd.nextGaussian() * 50;
                assertEquals(hog.exactBin(gr, gc), hog.bin(gr, gc), gr + "," + gc + " with " + n + " bins");
            }
            for (double[] g : new double[][] {{-0.0, 1}, {-0.0, -1}, {0, -1}, {1e-300, -1}, {-1e-300, 1}, {1e-300, 1},
                    {Double.MIN_VALUE, -5}, {3, Double.NaN}, {Double.NaN, 0}}) {
                assertEquals(hog.exactBin(g[0], g[1]), hog.bin(g[0], g[1]), g[0] + "," + g[1] + " with " + n + " bins");
            }
        }
    }

    @Test
    void lengthFollowsScikitImage() {
        HogParameters p = new HogParameters(9, 4, 4, 2, 2, BlockNorm.L2_HYS, false);
        assertEquals(6 * 6 * 2 * 2 * 9, p.length(28, 28));
        assertEquals(6 * 6 * 2 * 2 * 9, p.length(31, 30)); // incomplete cells are dropped
        HogParameters q = new HogParameters(8, 7, 5, 2, 3, BlockNorm.L1, false);
        assertEquals((11 - 1) * (16 - 2) * 6 * 8, q.length(83, 77));
        assertThrows(IllegalArgumentException.class, () -> p.length(7, 28));
    }

    @Test
    void blockNormNamesParse() {
        assertEquals(BlockNorm.L2_HYS, BlockNorm.parse("l2-hys"));
        assertEquals(BlockNorm.L1_SQRT, BlockNorm.parse("L1_sqrt"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlockNorm.parse("L3"));
        assertTrue(e.getMessage().contains("L2-Hys"), e.getMessage());
    }

    @Test
    void constantImageGivesZeroVector() {
        Plane flat = new Plane(32, 32);
        java.util.Arrays.fill(flat.data(), 77f);
        for (float v : new Hog(HogParameters.DEFAULT).extract(new FloatImage(flat))) {
            assertEquals(0f, v);
        }
    }

    static FloatImage load(String image, String crop) throws IOException {
        if (crop.equals("-")) {
            return TestData.png(image, 0, 0, 0, 0);
        }
        String[] c = crop.split(",");
        return TestData.png(image, Integer.parseInt(c[0]), Integer.parseInt(c[1]), Integer.parseInt(c[2]),
                Integer.parseInt(c[3]));
    }

    private static int[] pair(String s) {
        String[] p = s.split(",");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
    }

    static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= tol, what + ": largest difference " + worst + " at " + at
                + (at >= 0 ? " (expected " + expected[at] + ", got " + actual[at] + ")" : ""));
    }
}
