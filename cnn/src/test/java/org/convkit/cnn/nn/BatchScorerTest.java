package org.convkit.cnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchScorerTest {
    /** Samples handed in one at a time score as all of them at once, across a full batch and a partial one. */
    @Test
    void scoresAsInferenceDoesAllAtOnce() {
        Network net = Network.build("flatten fc(3)", new int[] {1, 2, 2}, 3, 1);
        SplittableRandom rng = new SplittableRandom(5);
        int n = Inference.BATCH + 44;
        float[][] x = new float[n][4];
        for (float[] s : x) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) rng.nextGaussian();
            }
        }
        BatchScorer scorer = new BatchScorer(net);
        assertEquals(Inference.BATCH, scorer.batch());
        for (float[] s : x) {
            scorer.add(s);
        }
        float[][] got = scorer.logits();
        float[][] want = Inference.logits(net, n, i -> x[i]);
        assertEquals(n, got.length);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(want[i], got[i], "sample " + i);
        }
    }
}
