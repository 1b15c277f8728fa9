package org.convkit.cnn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.convkit.cnn.layers.Param;
import org.junit.jupiter.api.Test;

/** The optimisers and schedules a run names: their labels, defaults and what each builds. */
class TrainingChoicesTest {
    @Test
    void optimizersByLabelWithTheirDefaults() {
        assertEquals(OptimizerKind.ADAMW, OptimizerKind.parse(" AdamW "));
        assertEquals("adamw", OptimizerKind.ADAMW.toString());
        assertEquals(0.05, OptimizerKind.SGD.defaultLr());
        assertEquals(5e-4, OptimizerKind.SGD.defaultWeightDecay());
        assertEquals(0.0, OptimizerKind.ADAM.defaultWeightDecay());
        assertEquals(0.01, OptimizerKind.ADAMW.defaultWeightDecay());
        assertThrows(IllegalArgumentException.class, () -> OptimizerKind.parse("rmsprop"));
        List<Param> ps = List.of(Param.trainable("w", 2));
        assertInstanceOf(Sgd.class, OptimizerKind.SGD.create(ps, 0.1, 0.9, true, 0));
        assertInstanceOf(Adam.class, OptimizerKind.ADAM.create(ps, 0.1, 0.9, true, 0));
    }

    @Test
    void schedulesByLabel() {
        assertEquals(ScheduleKind.ONECYCLE, ScheduleKind.parse("onecycle"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleKind.parse("linear"));
        assertEquals(0.1, ScheduleKind.NONE.create(0.1, 9).lr(8));
        LrSchedule step = ScheduleKind.STEP.create(1, 9); // x0.1 after each third of the steps
        assertEquals(1, step.lr(2));
        assertEquals(0.1, step.lr(3), 1e-12);
        assertEquals(0.0, ScheduleKind.COSINE.create(1, 9).lr(9), 1e-12);
        assertEquals(1.0 / 25, ScheduleKind.ONECYCLE.create(1, 100).lr(0), 1e-12); // from max/25, as PyTorch's OneCycleLR
    }
}
