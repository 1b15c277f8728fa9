package org.convkit.cnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SampleValuesTest {
    /** Input 1x4x4 (16 values), flatten (16), fc (10): 42 values per sample. */
    private static final Network NET = Network.build("flatten fc(10)", new int[] {1, 4, 4}, 10, 1);

    @Test
    void countsTheInputAndEveryLayersOutput() {
        assertEquals(42, SampleValues.total(NET));
        SampleValues.requireAtMost(NET, 16, 42);
    }

    @Test
    void namesTheShapeOverTheBound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleValues.requireAtMost(NET, 15, 100));
        assertEquals("1x4x4 values per sample (16) is more than convkit takes (15)", e.getMessage());
    }

    @Test
    void boundsTheLayersTogether() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleValues.requireAtMost(NET, 16, 41));
        assertEquals("its layers hold 42 values per sample together, more than convkit takes (41)", e.getMessage());
    }

    @Test
    void aBatchOfInferenceFitsItsBound() {
        assertEquals(Inference.BATCH, Inference.batch(NET));
    }
}
