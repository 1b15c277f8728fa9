package org.convkit.cnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.cnn.layers.Init;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.cnn.testing.Distributions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Init.TORCH} against PyTorch 1.13's own default initialisation of the presets
 * (testdata/cnn/make_torch_init.py writes torch_init.tsv): the same state-dict tensors in the same order
 * and shapes; for each drawn tensor no value outside PyTorch's float32 bound and the bound reached,
 * mean 0, and a variance within 3% of the uniform's and 4% of what PyTorch's draws gave; BatchNorm's
 * ones and zeros.
 */
class TorchInitReferenceTest {
    private static final Path TABLE = Path.of("..", "testdata", "cnn", "torch_init.tsv");

    record Row(String name, String shape, String kind, double bound, double var, double maxAbs) {}

    /** arch -> spec and its rows, in the file's order. */
    static Map<String, Map.Entry<String, List<Row>>> table() throws IOException {
        Map<String, Map.Entry<String, List<Row>>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(TABLE)) {
            String[] f = line.split("\t");
            if (line.startsWith("#spec\t")) {
                out.put(f[1], Map.entry(f[2], new ArrayList<>()));
            } else if (!line.startsWith("#") && !line.startsWith("arch\t")) {
                out.get(f[0]).getValue().add(new Row(f[1], f[2], f[4], Double.parseDouble(f[5]), Double.parseDouble(f[8]),
                        Double.parseDouble(f[9])));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "vgg-small", "resnet-small"})
    void presetsStartAsPyTorchsDefaultInitialisation(String arch) throws IOException {
        Map.Entry<String, List<Row>> ref = table().get(arch);
        assertEquals(ref.getKey(), Architectures.spec(arch, 10), "the preset changed: run testdata/cnn/make_torch_init.py");
        Network net = Network.build(arch, new int[] {1, 28, 28}, 10, 3, Init.TORCH);
        Map<String, Tensor> state = new LinkedHashMap<>(net.stateDict());
        state.keySet().removeIf(Network::isIntegerState);
        assertEquals(ref.getValue().stream().map(Row::name).toList(), List.copyOf(state.keySet()));
        long seed = 100;
        for (Row r : ref.getValue()) {
            String what = arch + " " + r.name();
            assertEquals(r.shape(), Tensor.shapeString(state.get(r.name()).shape), what + " shape");
            int dot = r.name().indexOf('.');
            var layer = net.layers().get(Integer.parseInt(r.name().substring(0, dot)));
            boolean drawn = r.kind().equals("uniform");
            float[] v = Distributions.draws(layer, Init.TORCH, r.name().substring(dot + 1), seed++, drawn ? Distributions.MIN_SAMPLE : 1);
            switch (r.kind()) {
                case "uniform" -> {
                    assertTrue(r.maxAbs() <= (float) r.bound(), what + ": PyTorch's own draws within its float32 bound");
                    Distributions.assertUniform(what, v, r.bound());
                    double var = variance(v);
                    assertEquals(r.var(), var, 0.04 * r.var(), what + ": variance next to PyTorch's draws");
                }
                case "ones" -> Distributions.assertConstant(what, v, 1f);
                case "zeros" -> Distributions.assertConstant(what, v, 0f);
                default -> throw new IllegalStateException(r.kind());
            }
        }
    }

    private static double variance(float[] v) {
        double sum = 0, sq = 0;
        for (float x : v) {
            sum += x;
            sq += (double) x * x;
        }
        double mean = sum / v.length;
        return sq / v.length - mean * mean;
    }
}
