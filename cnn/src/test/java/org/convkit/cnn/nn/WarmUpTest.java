package org.convkit.cnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.convkit.cnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A warm-up shares only code with the network it warms: results stay bit for bit the same. */
class WarmUpTest {
    private static Tensor input(int n) {
        Tensor x = new Tensor(n, 1, 28, 28);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, (float) r.nextGaussian());
        }
        return x;
    }

    @Test
    void logitsAreTheSameWithAndWithoutAWarmUpRunningBeside() {
        for (String arch : Architectures.NAMES) {
            Network net = Network.build(arch, new int[] {1, 28, 28}, 10, 3);
            Tensor x = input(6);
            float[] alone = net.predict(x).data.clone();
            try (WarmUp w = WarmUp.start(net, 64, true)) {
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(alone, java.util.Arrays.copyOf(net.predict(x).data, alone.length), arch);
                }
            }
        }
    }

    @Test
    void anArchitectureThatDoesNotBuildIsLeftToTheCallerToReport() {
        assertDoesNotThrow(() -> {
            try (WarmUp w = WarmUp.start("conv(6,5) fc(", new int[] {1, 28, 28}, 10, 64, false)) {
                assertTrue(w.awaitEnd(60_000)); // the failed build ends the warm-up by itself
            }
        });
    }
}
