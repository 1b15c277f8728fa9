package org.convkit.cnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.cnn.layers.Init;
import org.convkit.cnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A network under construction tells its {@link StateCheck} every state entry before allocating it, and
 * refuses sizes that would wrap an int or not fit an array, with a message instead of an exception from
 * deep inside a layer.
 */
class StateCheckTest {
    private static final List<String> ARCHS = List.of("lenet5", "vgg-small", "resnet-small",
            "conv(8,3,pad=1,bias=false) bn relu conv(8,3,groups=4) maxpool(2) avgpool(2,stride=1) flatten bn fc(16,bias=false) dropout fc(10)",
            "res(8) res(8,stride=2) res(16) gap flatten fc(10)");

    @Test
    void everyStateEntryIsHeardBeforeItsLayerIsBuiltWithItsFinalShape() {
        for (String arch : ARCHS) {
            Map<String, int[]> heard = new LinkedHashMap<>();
            Network net = Network.build(arch, new int[] {3, 32, 32}, 10, 0, Init.HE, heard::putAll);
            Map<String, Tensor> state = net.stateDict();
            assertEquals(List.copyOf(state.keySet()), List.copyOf(heard.keySet()), arch);
            state.forEach((name, t) -> assertArrayEquals(t.shape, heard.get(name), arch + ": " + name));
        }
    }

    @Test
    void aCheckThatRefusesStopsTheBuildBeforeTheLayerAllocates() {
        // 20000 x 1 x 300 x 300 weights: 7 GB with their gradients, were they allocated
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network.build(
                "conv(20000,300,pad=150) gap flatten fc(10)", new int[] {1, 28, 28}, 10, 0, Init.HE, entries -> {
                    if (entries.containsKey("0.weight")) {
                        throw new IllegalArgumentException("not in the file");
                    }
                }));
        assertTrue(e.getMessage().contains("layer 0 'conv(20000,300,pad=150)'") && e.getMessage().endsWith("not in the file"), e.getMessage());
    }

    private static String refused(String arch, int... input) {
        return assertThrows(IllegalArgumentException.class, () -> Network.build(arch, input, 0, 0)).getMessage();
    }

    @Test
    void sizesThatWouldWrapOrOverflowAnArrayAreRefused() {
        assertTrue(refused("conv(4,3,pad=2147483647) flatten fc(2)", 1, 8, 8).contains("at most 65536, got 2147483647"));
        assertTrue(refused("conv(4,3,dilation=40000) flatten fc(2)", 1, 8, 8).contains("the dilated kernel spans 80001 pixels"));
        assertTrue(refused("maxpool(2,stride=70000) flatten fc(2)", 1, 8, 8).contains("at most 65536"));
        assertTrue(refused("conv(65536,65536) flatten fc(2)", 1, 70000, 1).contains("larger than 65536 pixels"));
        assertTrue(refused("flatten fc(100000)", 1, 200, 200).contains("would hold more values than one array holds"));
        assertTrue(refused("conv(2,1,pad=30000) conv(2,1,pad=30000) flatten fc(2)", 1, 8, 8).contains("values per sample"));
        assertTrue(refused("relu", 1, 50000, 50000).contains("holds more values than one array holds"));
        String many = "relu ".repeat(SpecParser.MAX_LAYERS + 1);
        assertTrue(refused(many + "flatten fc(2)", 1, 2, 2).contains("more than 10000 layers"));
    }
}
