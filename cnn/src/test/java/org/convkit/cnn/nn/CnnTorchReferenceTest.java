package org.convkit.cnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.cnn.layers.Param;
import org.convkit.cnn.optim.Adam;
import org.convkit.cnn.optim.Optimizer;
import org.convkit.cnn.optim.Sgd;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.cnn.testing.Npz;
import org.convkit.filters.parallel.Parallel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole networks against PyTorch 1.13 (testdata/cnn/make_refs.py): the same spec built here loads
 * PyTorch's state dict by name, and must reproduce its training-mode logits and loss, every parameter
 * gradient, the updated BatchNorm running statistics, evaluation-mode logits, and the parameters after
 * three steps of SGD (Nesterov, weight decay), Adam and AdamW.
 */
class CnnTorchReferenceTest {
    private static final Path DIR = Path.of("..", "testdata", "cnn");
    private static final double TOL = 1e-4;

    private static Map<String, Tensor> prefixed(Map<String, Npz.Array> ref, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Npz.Array> e : ref.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                out.put(e.getKey().substring(prefix.length()), e.getValue().tensor());
            }
        }
        return out;
    }

    private static void close(String what, float[] expected, Tensor actual) {
        assertEquals(expected.length, actual.size(), what + " size");
        double scale = 1;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual.get(i));
            assertTrue(err <= TOL * scale, what + "[" + i + "]: expected " + expected[i] + " got " + actual.get(i));
        }
    }

    private static int[] labels(Npz.Array a) {
        float[] f = a.floats();
        int[] l = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            l[i] = (int) f[i];
        }
        return l;
    }

    @ParameterizedTest
    @ValueSource(strings = {"convnet", "resblock", "groups"})
    void matchesPyTorch(String name) throws IOException {
        for (int threads : new int[] {1, 2}) {
            Parallel.withThreads(threads).call(() -> {
                check(name);
                return null;
            });
        }
        // the scalar specification, end to end (on the workers too)
        Parallel.withThreads(2).call(() -> org.convkit.filters.gemm.Gemm.scalar().call(() -> {
            check(name);
            return null;
        }));
    }

    private void check(String name) throws IOException {
        Map<String, Npz.Array> ref = Npz.read(DIR.resolve(name + ".npz"));
        String spec = ref.get("spec").string();
        Tensor x = ref.get("x").tensor();
        int[] y = labels(ref.get("labels"));
        Network net = Network.build(spec, x.sampleShape(), 10, 0);
        net.setLabelSmoothing(0.1f);
        Map<String, Tensor> init = prefixed(ref, "state.");
        assertEquals(init.keySet(), net.stateDict().keySet(), "state dict names as PyTorch's");
        net.loadStateDict(init);

        Tensor logits = net.forward(x, true);
        close(name + " logits", ref.get("logits").floats(), logits);
        float loss = net.loss().forward(logits, y);
        assertEquals(ref.get("loss").floats()[0], loss, 1e-5, name + " loss");
        net.backward(net.loss().backward());
        for (Param p : net.parameters()) {
            close(name + " grad " + p.name(), ref.get("grad." + p.name()).floats(), p.grad());
        }
        Map<String, Tensor> after = prefixed(ref, "after.");
        for (Map.Entry<String, Tensor> e : net.stateDict().entrySet()) {
            close(name + " state after forward " + e.getKey(), after.get(e.getKey()).toArray(), e.getValue());
        }
        close(name + " eval logits", ref.get("eval_logits").floats(), net.predict(x));

        for (String opt : List.of("sgd", "adam", "adamw")) {
            net.loadStateDict(init);
            List<Param> ps = net.parameters();
            Optimizer o = switch (opt) {
                case "sgd" -> new Sgd(ps, 0.05, 0.9, true, 5e-4);
                case "adam" -> new Adam(ps, 0.01, 0.9, 0.999, 1e-3, 1e-4, false);
                default -> new Adam(ps, 0.01, 0.9, 0.999, 1e-3, 0.05, true);
            };
            for (int s = 0; s < 3; s++) {
                net.trainStep(x, y, o);
            }
            for (Param p : ps) {
                close(name + " " + opt + " step 3 " + p.name(), ref.get(opt + "." + p.name()).floats(), p.value());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"step", "cosine", "onecycle", "warmup"})
    void schedulesMatchPyTorch(String which) throws IOException {
        double[] expected = Npz.read(DIR.resolve("schedules.npz")).get(which).doubles();
        var schedule = switch (which) {
            case "step" -> org.convkit.cnn.optim.LrSchedule.step(0.1, 3, 0.5);
            case "cosine" -> org.convkit.cnn.optim.LrSchedule.cosine(0.1, 10, 0.001);
            case "onecycle" -> org.convkit.cnn.optim.LrSchedule.oneCycle(0.1, 20);
            default -> org.convkit.cnn.optim.LrSchedule.warmup(5, 0.1, org.convkit.cnn.optim.LrSchedule.constant(0.1));
        };
        double[] actual = new double[expected.length];
        for (int t = 0; t < actual.length; t++) {
            actual[t] = schedule.lr(t);
        }
        assertArrayEquals(expected, actual, 1e-9, which);
    }
}
