package org.convkit.filters.fft;

/**
 * Run in a JVM of its own by {@link BatchedFftTest} with {@value FftSpecies#PROPERTY} set, so that the
 * kernel's vector width is a constant as in production: exit code 0 when every check holds, else 1 with
 * the first failure on stderr.
 */
public final class FftWidthCheck {
    private FftWidthCheck() {}

    public static void main(String[] args) {
        int lanes = BatchedFft.vectorLanes();
        int expected = Integer.parseInt(args[0]) / Float.SIZE;
        if (lanes != expected) {
            fail("running with " + lanes + " lanes, expected " + expected);
        }
        int[] lengths = {1, 2, 3, 4, 5, 8, 12, 16, 20, 21, 48, 60, 64, 66, 320};
        for (int n : lengths) {
            for (int width : new int[] {1, lanes, 2 * lanes + 3}) {
                String e = FftChecks.vectorEqualsScalar(n, width, width + 5, 3, n * 31L + width);
                if (e == null) {
                    e = FftChecks.matchesDoubleDft(n, width, width + 2, 1, n * 17L + width);
                }
                if (e == null) {
                    e = FftChecks.weightedInverseIsTheInverseOfTheProduct(n, width, width + 1, 2, n * 7L + width);
                }
                if (e != null) {
                    fail(lanes + " lanes: " + e);
                }
            }
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
