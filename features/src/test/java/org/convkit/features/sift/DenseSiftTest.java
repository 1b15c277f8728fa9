package org.convkit.features.sift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.convkit.filters.image.Plane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DenseSiftTest {

    static Plane camera() throws IOException {
        return new Plane(80, 64, ReferenceFiles.floats("sift/camera-crop.f32"));
    }

    @ParameterizedTest
    @CsvSource({"phow-step6, '4,6,8,10', 6, false, 1.5",
                "phow-fast-step6, '4,6,8,10', 6, true, 1.5",
                "tiny-sizes3-4-step5, '3,4', 5, false, 2.0"})
    void matchesTheIndependentNumpyReference(String name, String sizes, int step, boolean fast, double window)
            throws IOException {
        int[] s = java.util.Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray();
        DenseSiftParameters p = DenseSiftParameters.phow().withSizes(s).withStep(step).withFast(fast).withWindowSize(window);
        Descriptors d = new DenseSift(p).extract(camera());
        float[] ref = ReferenceFiles.floats("sift/dsift-camera-" + name + ".f32");
        float[] frames = ReferenceFiles.floats("sift/frames-camera-" + name + ".f32");
        assertEquals(ref.length / 128, d.count());
        for (int i = 0; i < d.count(); i++) {
            assertEquals(frames[3 * i], d.x()[i], 0f, "x of frame " + i);
            assertEquals(frames[3 * i + 1], d.y()[i], 0f, "y of frame " + i);
            assertEquals(frames[3 * i + 2], d.binSize()[i], 0f, "size of frame " + i);
        }
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(ref[i] - d.data()[i]));
        }
        assertTrue(worst < 1e-5, "largest difference from the NumPy reference: " + worst); // measured ~1.4e-6
    }

    @Test
    void descriptorsAre128DimensionalWithUnitNorm() throws IOException {
        Descriptors d = new DenseSift(DenseSiftParameters.phow()).extract(camera());
        assertEquals(128, d.dimension());
        assertTrue(d.count() > 1000);
        for (int i = 0; i < d.count(); i++) {
            double n = 0;
            for (float v : d.get(i)) {
                assertTrue(v >= 0);
                n += v * v;
            }
            assertEquals(1.0, Math.sqrt(n), 1e-5, "norm of descriptor " + i);
        }
    }

    @Test
    void clampsAtPointTwoThenRenormalises() throws IOException {
        DenseSiftParameters p = DenseSiftParameters.phow().withSizes(4).withStep(4);
        float[] clamped = new DenseSift(p).extract(camera()).data();
        DenseSiftParameters unclamped = new DenseSiftParameters(p.sizes(), p.step(), p.magnif(), p.windowSize(), false,
                p.contrastThreshold(), 1.0, false, p.inputWhite());
        float[] raw = new DenseSift(unclamped).extract(camera()).data();
        int clampedDescriptors = 0;
        for (int at = 0; at < raw.length; at += 128) {
            double n = 0;
            boolean hit = false;
            float[] e = new float[128];
            for (int i = 0; i < 128; i++) {
                e[i] = Math.min(raw[at + i], 0.2f);
                hit |= raw[at + i] > 0.2f;
                n += e[i] * e[i];
            }
            clampedDescriptors += hit ? 1 : 0;
            for (int i = 0; i < 128; i++) {
                assertEquals(e[i] / Math.sqrt(n), clamped[at + i], 1e-6);
            }
        }
        assertTrue(clampedDescriptors > 10, "the camera crop has edges strong enough to be clamped");
    }

    @Test
    void rotatingTheContentBy90DegreesShiftsOrientationsByTwoBins() throws IOException {
        int n = 29;
        Plane cam = camera();
        Plane im = new Plane(n, n), rot = new Plane(n, n);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                im.set(x, y, cam.get(x + 30, y + 20));
            }
        }
        // (x, y) -> (n - 1 - y, x): +90 degrees from the x axis towards the y axis (y down).
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                rot.set(n - 1 - y, x, im.get(x, y));
            }
        }
        DenseSift sift = new DenseSift(DenseSiftParameters.phow().withSizes(4).withStep(2));
        Descriptors a = sift.extract(im), b = sift.extract(rot);
        int grid = 9; // frames at 0, 2, ..., 16: centres 6..22, symmetric about 14 = (n - 1) / 2
        assertEquals(grid * grid, a.count());
        double moved = 0;
        for (int fy = 0; fy < grid; fy++) {
            for (int fx = 0; fx < grid; fx++) {
                int f = fy * grid + fx;
                int g = fx * grid + (grid - 1 - fy); // the frame centre (cx, cy) -> (n-1-cy, cx)
                assertEquals(n - 1 - a.y()[f], b.x()[g], 0f);
                assertEquals(a.x()[f], b.y()[g], 0f);
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < 4; i++) {
                        for (int t = 0; t < 8; t++) {
                            float va = a.data()[f * 128 + (j * 4 + i) * 8 + t];
                            float vb = b.data()[g * 128 + (i * 4 + (3 - j)) * 8 + (t + 2) % 8];
                            assertEquals(va, vb, 2e-5, "frame " + f + " bin " + i + "," + j + " orientation " + t);
                            moved += Math.abs(va - a.data()[f * 128 + (j * 4 + i) * 8 + (t + 2) % 8]);
                        }
                    }
                }
            }
        }
        assertTrue(moved > 1, "the patch is not rotation symmetric, so the check can fail");
    }

    @Test
    void lowContrastDescriptorsAreZero() {
        Plane flat = new Plane(32, 32);
        Random r = new Random(1);
        for (int i = 0; i < flat.data().length; i++) {
            flat.data()[i] = 100 + 0.001f * r.nextFloat();
        }
        Descriptors d = new DenseSift(DenseSiftParameters.phow()).extract(flat);
        assertTrue(d.count() > 0);
        for (float v : d.data()) {
            assertEquals(0f, v);
        }
        Descriptors kept = new DenseSift(DenseSiftParameters.phow().withContrastThreshold(0)).extract(flat);
        assertEquals(1.0, norm(kept.get(0)), 1e-5);
    }

    @Test
    void rootSiftIsTheSquareRootOfTheL1NormalisedDescriptor() throws IOException {
        DenseSiftParameters p = DenseSiftParameters.phow().withSizes(6).withStep(5);
        float[] plain = new DenseSift(p).extract(camera()).data();
        float[] root = new DenseSift(p.withRootSift(true)).extract(camera()).data();
        for (int at = 0; at < plain.length; at += 128) {
            double l1 = 0;
            for (int i = 0; i < 128; i++) {
                l1 += plain[at + i];
            }
            for (int i = 0; i < 128; i++) {
                assertEquals(Math.sqrt(plain[at + i] / l1), root[at + i], 1e-6);
            }
        }
    }

    @Test
    void tinyImageDefaultsFitFashionMnist() {
        DenseSift sift = new DenseSift(DenseSiftParameters.tinyImages());
        assertEquals(81 + 64, sift.frameCount(28, 28));
        assertEquals(0, new DenseSift(DenseSiftParameters.phow().withSizes(10)).frameCount(28, 28));
    }

    @Test
    void parametersSurviveTheirStringForm() {
        DenseSiftParameters p = DenseSiftParameters.tinyImages().withRootSift(true).withFast(true);
        assertEquals(p, DenseSiftParameters.fromStrings(p.toStrings()));
        assertArrayEquals(new int[] {3, 4}, DenseSiftParameters.fromStrings(p.toStrings()).sizes());
    }

    private static double norm(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        return Math.sqrt(n);
    }
}
