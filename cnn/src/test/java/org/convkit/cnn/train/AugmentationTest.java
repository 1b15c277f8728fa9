package org.convkit.cnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Augmentation} against a reference written from its contract: which numbers it draws, in which
 * order, and where each output pixel comes from.
 */
class AugmentationTest {
    private static final int C = 2, H = 8, W = 6;
    private static final float[] BLACK = {-1f, -2f};

    /** Two samples of C x H x W with every value distinct (and never a black value). */
    private static float[] ramp() {
        float[] x = new float[2 * C * H * W];
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 + i;
        }
        return x;
    }

    /** The sample at {@code off} of {@code src} mirrored if {@code flip}, then shifted by (dx, dy) with black shifted in. */
    private static float[] reference(float[] src, int off, boolean flip, int dx, int dy) {
        float[] out = new float[C * H * W];
        for (int c = 0; c < C; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int mx = flip ? W - 1 - x : x, sx = mx + dx, sy = y + dy;
                    boolean inside = sx >= 0 && sx < W && sy >= 0 && sy < H;
                    out[(c * H + y) * W + x] = inside ? src[off + (c * H + sy) * W + sx] : BLACK[c];
                }
            }
        }
        return out;
    }

    private static float[] sample(float[] x, int i) {
        return java.util.Arrays.copyOfRange(x, i * C * H * W, (i + 1) * C * H * W);
    }

    @Test
    void everyKindMatchesTheReferenceWithItsDrawsInOrder() {
        int[] shape = {C, H, W};
        for (String kinds : new String[] {"flip", "crop", "translate", "flip,crop", "crop,translate", "flip,crop,translate"}) {
            Augmentation aug = Augmentation.parse(kinds);
            for (long seed = 0; seed < 40; seed++) {
                float[] src = ramp(), x = ramp();
                SplittableRandom rng = new SplittableRandom(seed), twin = new SplittableRandom(seed);
                float[] tmp = new float[H * W];
                aug.apply(x, C * H * W, shape, BLACK, rng, tmp); // the second sample only
                boolean flip = kinds.contains("flip") && twin.nextBoolean();
                int dx = 0, dy = 0;
                if (kinds.contains("crop")) {
                    int p = Math.max(1, Math.min(H, W) / 8); // an eighth of the side, at least 1
                    dx += twin.nextInt(-p, p + 1);
                    dy += twin.nextInt(-p, p + 1);
                }
                if (kinds.contains("translate")) {
                    int tx = Math.max(1, Math.round(W * 0.1f)), ty = Math.max(1, Math.round(H * 0.1f));
                    dx += twin.nextInt(-tx, tx + 1);
                    dy += twin.nextInt(-ty, ty + 1);
                }
                assertArrayEquals(reference(src, C * H * W, flip, dx, dy), sample(x, 1), kinds + ", seed " + seed);
                assertArrayEquals(sample(src, 0), sample(x, 0), "the other sample is untouched");
                assertEquals(twin.nextLong(), rng.nextLong(), "draws exactly what the reference draws: " + kinds);
            }
        }
    }

    @Test
    void aboutHalfTheSamplesAreMirroredAndShiftsCoverTheirRange() {
        Augmentation flip = Augmentation.parse("flip");
        SplittableRandom rng = new SplittableRandom(3);
        int mirrored = 0;
        for (int i = 0; i < 400; i++) {
            float[] x = ramp();
            flip.apply(x, 0, new int[] {C, H, W}, BLACK, rng, new float[H * W]);
            mirrored += x[0] == 100 + W - 1 ? 1 : 0;
        }
        assertTrue(mirrored > 150 && mirrored < 250, "about half of 400 mirrored: " + mirrored);

        // crop on 28x28 pads by 3: shifts of -3..3, every one of them drawn
        Augmentation crop = Augmentation.parse("crop");
        int[] shape = {1, 28, 28};
        java.util.Set<Integer> shifts = new java.util.TreeSet<>();
        rng = new SplittableRandom(5);
        for (int i = 0; i < 300; i++) {
            float[] x = new float[28 * 28];
            x[14 * 28 + 14] = 1; // one bright pixel in the middle; where it lands gives the shift
            crop.apply(x, 0, shape, new float[] {0}, rng, new float[28 * 28]);
            int at = -1;
            for (int p = 0; p < x.length; p++) {
                at = x[p] == 1 ? p : at;
            }
            shifts.add(14 - at % 28);
        }
        assertEquals(java.util.List.of(-3, -2, -1, 0, 1, 2, 3), java.util.List.copyOf(shifts));
    }

    @Test
    void noneDrawsNothingAndChangesNothing() {
        float[] x = ramp();
        SplittableRandom rng = new SplittableRandom(1), twin = new SplittableRandom(1);
        Augmentation none = Augmentation.parse("none");
        none.apply(x, 0, new int[] {C, H, W}, BLACK, rng, new float[H * W]);
        assertArrayEquals(ramp(), x);
        assertEquals(twin.nextLong(), rng.nextLong());
        assertTrue(none.isNone() && Augmentation.NONE.isNone());
    }

    @Test
    void parsesListsAndNamesABadWord() {
        assertEquals("flip,crop", Augmentation.parse(" Crop, flip ,").toString(), "listed in one order whatever the input's");
        assertEquals("none", Augmentation.parse("none").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("flip,rotate"));
        assertTrue(e.getMessage().contains("'rotate'"), e.getMessage());
    }
}
