package org.convkit.cnn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.cnn.layers.Param;
import org.convkit.cnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OptimizerStateTest {
    private static Optimizer sgd() {
        return new Sgd(List.of(Param.trainable("a", 2), Param.trainable("b", 3)), 0.1, 0.9, false, 0);
    }

    /** A copy of {@code opt}'s state with every value set to {@code v} and the step to {@code step}. */
    private static Map<String, Tensor> filled(Optimizer opt, float v, long step) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        opt.state().forEach((name, t) -> {
            Tensor c = new Tensor(t.shape);
            for (int i = 0; i < c.size(); i++) {
                c.set(i, name.equals("step") ? step : v);
            }
            out.put(name, c);
        });
        return out;
    }

    @Test
    void aStateOfTheRightShapesLoads() {
        Optimizer opt = sgd();
        opt.loadState(filled(opt, 0.5f, 7));
        assertEquals(7, opt.steps());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, opt.state().get("b.momentum_buffer").toArray());
    }

    @Test
    void aRefusedStateChangesNothing() {
        Optimizer opt = sgd();
        Map<String, Tensor> state = filled(opt, 0.5f, 7);
        state.put("b.momentum_buffer", new Tensor(4)); // after a good entry, so a loader copying as it checks would have changed 'a'
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(state));
        assertEquals("optimizer state 'b.momentum_buffer' is 4, this network's 3", e.getMessage());
        assertEquals(0, opt.steps());
        assertArrayEquals(new float[2], opt.state().get("a.momentum_buffer").toArray());
    }

    @Test
    void aMissingEntryIsNamed() {
        Optimizer opt = sgd();
        Map<String, Tensor> state = filled(opt, 0.5f, 7);
        state.remove("a.momentum_buffer");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.checkState(state));
        assertEquals("optimizer state 'a.momentum_buffer' is missing", e.getMessage());
    }
}
