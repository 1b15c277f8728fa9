package org.convkit.features.gist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.convkit.features.testing.TestData;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GIST against an independent NumPy/SciPy implementation (testdata/features/gist_ref.py), and its theory. */
class GistTest {
    private static final Path REFS = TestData.root().resolve("features/gist");

    static Stream<Arguments> cases() throws IOException {
        return TestData.tsv(REFS.resolve("cases.tsv")).stream()
                .flatMap(r -> Stream.of(Gist.Fft.values()).map(f -> Arguments.of(r[0], f, r)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesNumpyReference(String name, Gist.Fft fft, String[] row) throws IOException {
        FloatImage image = load(row[1], row[2]);
        GistParameters params = new GistParameters(Integer.parseInt(row[3]),
                Arrays.stream(row[4].split(",")).mapToInt(Integer::parseInt).toArray(), Integer.parseInt(row[5]),
                Double.parseDouble(row[6]), Integer.parseInt(row[7]), Boolean.parseBoolean(row[8]));
        float[] expected = TestData.f32(REFS.resolve(name + ".f32"));
        assertEquals(Integer.parseInt(row[9]), expected.length);
        float[] actual = new Gist(params, fft).extract(image);
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]));
        }
        assertTrue(worst <= 1e-4, name + ": largest relative difference " + worst);
    }

    /**
     * The two FFTs give the same vectors to float rounding, also on sizes outside the references: padded
     * sides that are not whole strips of vectors (34, 46) or hold a prime above 5 (34 = 2 x 17, 266 = 2 x 7 x 19).
     */
    @ParameterizedTest(name = "size {0} boundary {1}")
    @CsvSource({"128, 32", "34, 0", "30, 8", "42, 3", "226, 20", "64, 16"})
    void vectorFftAgreesWithJTransforms(int size, int boundary) throws IOException {
        FloatImage img = TestData.png("coffee.png", 20, 30, 150, 170);
        GistParameters params = new GistParameters(size, new int[] {8, 6, 4}, 4, 4, boundary, true);
        float[] reference = new Gist(params, Gist.Fft.JTRANSFORMS).extract(img);
        float[] actual = new Gist(params, Gist.Fft.VECTOR).extract(img);
        for (int i = 0; i < reference.length; i++) {
            assertEquals(reference[i], actual[i], 2e-5 * Math.abs(reference[i]), "value " + i);
        }
    }

    /** The strips of 4, 8 and 16 columns, each in a JVM whose vector width is fixed as in production. */
    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {128, 256, 512})
    void everyVectorWidthAgreesWithJTransforms(int bits) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "--add-modules", "jdk.incubator.vector",
                "-Xlog:disable", "-Dconvkit.fft.vectorBits=" + bits, "-cp", System.getProperty("java.class.path"),
                GistWidthCheck.class.getName(), Integer.toString(bits)))
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the check ended");
        assertEquals(0, process.exitValue(), out);
    }

    @Test
    void fftPropertyIsReadAndChecked() {
        String old = System.getProperty(Gist.Fft.PROPERTY);
        try {
            System.clearProperty(Gist.Fft.PROPERTY);
            assertEquals(Gist.Fft.VECTOR, Gist.Fft.configured());
            System.setProperty(Gist.Fft.PROPERTY, "JTransforms");
            assertEquals(Gist.Fft.JTRANSFORMS, Gist.Fft.configured());
            System.setProperty(Gist.Fft.PROPERTY, "fftw");
            assertThrows(IllegalArgumentException.class, Gist.Fft::configured);
        } finally {
            if (old == null) {
                System.clearProperty(Gist.Fft.PROPERTY);
            } else {
                System.setProperty(Gist.Fft.PROPERTY, old);
            }
        }
    }

    @Test
    void dimensions() {
        Plane p = new Plane(40, 30);
        FloatImage img = new FloatImage(p);
        assertEquals(512, new Gist(GistParameters.DEFAULT).extract(img).length);
        assertEquals(960, new Gist(new GistParameters(64, new int[] {8, 8, 4}, 4, 4, 16, true)).extract(img).length);
        assertEquals(3 * 6 * 9, new Gist(new GistParameters(32, new int[] {6, 6, 6}, 3, 4, 8, false)).extract(img).length);
        assertEquals(2 * 4, new Gist(new GistParameters(32, new int[] {4, 4}, 1, 4, 0, false)).extract(img).length);
        assertThrows(IllegalArgumentException.class, () -> new Gist(new GistParameters(33, new int[] {8}, 4, 4, 32, false)));
    }

    @Test
    void constantImageGivesZero() {
        Plane p = new Plane(50, 40);
        Arrays.fill(p.data(), 123f);
        for (float v : new Gist(GistParameters.DEFAULT).extract(new FloatImage(p, p.copy(), p.copy()))) {
            assertTrue(Math.abs(v) < 1e-9, "value " + v);
        }
    }

    /**
     * Rotating a square image by 90 degrees rotates its spectrum by 90 degrees, so the energy that
     * orientation j of 8 (angle pi j / 8) collected moves to orientation j + 4 (mod 8), scale by scale.
     */
    @Test
    void rotationBy90DegreesMovesEnergyFourOrientationsOver() throws IOException {
        FloatImage img = TestData.png("camera.png", 100, 150, 128, 128);
        Plane src = img.channel(0);
        Plane rot = new Plane(128, 128);
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                rot.set(x, y, src.get(127 - y, x));
            }
        }
        Gist gist = new Gist(GistParameters.DEFAULT);
        double[][] e = orientationEnergy(gist.extract(img));
        double[][] r = orientationEnergy(gist.extract(new FloatImage(rot)));
        boolean anisotropic = false;
        for (int s = 0; s < 4; s++) {
            for (int j = 0; j < 8; j++) {
                double moved = e[s][(j + 4) % 8];
                assertEquals(moved, r[s][j], 1e-3 * moved, "scale " + s + " orientation " + j);
                anisotropic |= Math.abs(e[s][j] - e[s][(j + 4) % 8]) > 0.05 * e[s][j];
            }
        }
        assertTrue(anisotropic, "the test image must have a dominant orientation, or the test proves nothing");
    }

    private static double[][] orientationEnergy(float[] g) {
        double[][] e = new double[4][8];
        for (int f = 0; f < 32; f++) {
            for (int b = 0; b < 16; b++) {
                e[f / 8][f % 8] += g[f * 16 + b];
            }
        }
        return e;
    }

    private static FloatImage load(String image, String crop) throws IOException {
        if (crop.equals("-")) {
            return TestData.png(image, 0, 0, 0, 0);
        }
        String[] c = crop.split(",");
        return TestData.png(image, Integer.parseInt(c[0]), Integer.parseInt(c[1]), Integer.parseInt(c[2]),
                Integer.parseInt(c[3]));
    }
}
