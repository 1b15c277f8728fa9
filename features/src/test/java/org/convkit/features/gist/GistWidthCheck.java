package org.convkit.features.gist;

import java.util.Random;
import org.convkit.filters.fft.BatchedFft;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;

/**
 * Run in a JVM of its own by {@link GistTest} with {@code convkit.fft.vectorBits} set, so that the
 * strips of {@link BatchedGabor} are as wide as that vector: GIST on the Vector API FFT against GIST on
 * JTransforms, on a padded side that is not a whole number of strips. Exit code 0 when they agree to
 * float rounding, else 1 with the first difference on stderr.
 */
public final class GistWidthCheck {
    private GistWidthCheck() {}

    public static void main(String[] args) {
        int lanes = BatchedFft.vectorLanes();
        if (lanes != Integer.parseInt(args[0]) / Float.SIZE) {
            fail("running with " + lanes + " lanes");
        }
        Plane p = new Plane(45, 37);
        Random random = new Random(3);
        for (int i = 0; i < p.data().length; i++) {
            p.data()[i] = random.nextInt(256);
        }
        FloatImage img = new FloatImage(p);
        GistParameters params = new GistParameters(30, new int[] {6, 4}, 3, 4, 7, false); // padded side 44
        float[] reference = new Gist(params, Gist.Fft.JTRANSFORMS).extract(img);
        float[] actual = new Gist(params, Gist.Fft.VECTOR).extract(img);
        for (int i = 0; i < reference.length; i++) {
            if (!(Math.abs(reference[i] - actual[i]) <= 2e-5 * Math.abs(reference[i]))) {
                fail(lanes + " lanes, value " + i + ": " + actual[i] + " against " + reference[i]);
            }
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
