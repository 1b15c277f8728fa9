package org.convkit.cnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.convkit.cnn.nn.Network;
import org.junit.jupiter.api.Test;

/** {@link EarlyStopping} on made-up accuracies, with the network's weights set to the epoch number. */
class EarlyStoppingTest {
    private static Network net() { return Network.build("flatten fc(2)", new int[] {1, 2, 2}, 2, 1); }

    private static void setWeights(Network net, float v) {
        net.stateDict().values().forEach(t -> t.fill(v));
    }

    private static float weight(Network net) { return net.stateDict().get("1.weight").get(0); }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBest() {
        Network net = net();
        EarlyStopping es = new EarlyStopping(2);
        double[] acc = {0.5, 0.7, 0.7, 0.6};
        for (int e = 1; e <= acc.length; e++) {
            setWeights(net, e);
            assertFalse(es.shouldStop(), "epoch " + e);
            es.update(e, acc[e - 1], net);
        }
        assertTrue(es.shouldStop(), "a tie is no improvement: epochs 3 and 4 did not beat epoch 2");
        assertEquals(2, es.bestEpoch());
        assertEquals(0.7, es.bestAccuracy());
        assertEquals(4f, weight(net));
        assertTrue(es.restoreBest(net));
        assertEquals(2f, weight(net), "the best epoch's weights, not the last's");
    }

    @Test
    void anImprovementResetsThePatienceAndTheLastEpochBestRestoresNothing() {
        Network net = net();
        EarlyStopping es = new EarlyStopping(2);
        double[] acc = {0.5, 0.4, 0.6, 0.55, 0.8};
        for (int e = 1; e <= acc.length; e++) {
            setWeights(net, e);
            es.update(e, acc[e - 1], net);
            assertFalse(es.shouldStop(), "epoch " + e);
        }
        assertEquals(5, es.bestEpoch());
        assertFalse(es.restoreBest(net));
        assertEquals(5f, weight(net));
    }

    @Test
    void epochsWithoutValidationNeitherImproveNorCount() {
        Network net = net();
        EarlyStopping es = new EarlyStopping(1);
        es.update(1, Double.NaN, net);
        es.update(2, 0.3, net);
        es.update(3, Double.NaN, net);
        assertFalse(es.shouldStop());
        assertEquals(2, es.bestEpoch());
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0));
    }

    @Test
    void resumingTakesTheBestEpochsWeightsFromTheCaller() {
        Network net = net();
        List<EpochResult> history = new ArrayList<>();
        double[] acc = {0.5, 0.9, 0.8};
        for (int e = 1; e <= acc.length; e++) {
            history.add(new EpochResult(e, 1, 0.5, acc[e - 1], 0.1, 1));
        }
        setWeights(net, 3); // the resumed run's net holds epoch 3's weights
        List<Integer> asked = new ArrayList<>();
        EarlyStopping es = new EarlyStopping(1);
        es.resume(history, net, epoch -> {
            asked.add(epoch);
            Network saved = net();
            setWeights(saved, epoch);
            return saved.stateDict();
        });
        assertEquals(List.of(2), asked);
        assertTrue(es.shouldStop());
        assertTrue(es.restoreBest(net));
        assertEquals(2f, weight(net));

        // the best is the last resumed epoch: its weights are the network's own, nothing is asked
        EarlyStopping last = new EarlyStopping(3);
        last.resume(history.subList(0, 2), net, epoch -> {
            throw new AssertionError("asked for epoch " + epoch);
        });
        assertEquals(2, last.bestEpoch());
        assertFalse(last.restoreBest(net));
        assertEquals(2f, weight(net));
    }
}
