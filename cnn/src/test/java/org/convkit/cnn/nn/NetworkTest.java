package org.convkit.cnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.convkit.cnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Spec parsing, shape inference, presets and the summary. */
class NetworkTest {
    @Test
    void lenetSummaryHasTheClassicShapesAndCounts() {
        Summary s = Network.build("lenet5", new int[] {1, 28, 28}, 10, 0).summary();
        assertEquals(61_706, s.totalParams());
        List<Summary.Row> rows = s.rows();
        assertArrayEquals(new int[] {6, 28, 28}, rows.get(0).outputShape());
        assertArrayEquals(new int[] {16, 5, 5}, rows.get(5).outputShape());
        assertArrayEquals(new int[] {400}, rows.get(6).outputShape());
        assertEquals(156, rows.get(0).params());
        assertEquals(48_120, rows.get(7).params());
        assertEquals("Conv2d(1, 6, kernel_size=5, padding=2)", rows.get(0).layer());
    }

    @Test
    void presetsBuildForGreyAndColourInputs() {
        for (String arch : Architectures.NAMES) {
            for (int[] in : new int[][] {{1, 28, 28}, {3, 32, 32}}) {
                Network net = Network.build(arch, in, 10, 0);
                Tensor y = net.predict(new Tensor(2, in[0], in[1], in[2]));
                assertArrayEquals(new int[] {2, 10}, y.shape, arch);
            }
        }
        Summary vgg = Network.build("vgg-small", new int[] {1, 28, 28}, 10, 0).summary();
        assertEquals(288 + 9216 + 18432 + 36864 + 4 * 32 + 4 * 64 + 3136 * 128 + 128 + 1290, vgg.totalParams());
    }

    @Test
    void issueExampleSpecAndStateNames() {
        Network net = Network.build("conv(32,3,pad=1) bn relu maxpool(2) conv(64,3,pad=1) bn relu maxpool(2) flatten fc(128) relu dropout(0.5) fc(10)",
                new int[] {1, 28, 28}, 10, 0);
        Map<String, Tensor> sd = net.stateDict();
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "4.weight", "4.bias", "5.weight", "5.bias", "5.running_mean", "5.running_var",
                "5.num_batches_tracked", "9.weight", "9.bias", "12.weight", "12.bias"), List.copyOf(sd.keySet()));
        assertArrayEquals(new int[] {32, 1, 3, 3}, sd.get("0.weight").shape);
        assertArrayEquals(new int[] {128, 3136}, sd.get("9.weight").shape);
        assertTrue(Network.isIntegerState("5.num_batches_tracked"));
        Network res = Network.build("resnet-small", new int[] {1, 28, 28}, 10, 0);
        assertTrue(res.stateDict().containsKey("4.downsample.1.running_var"));
        assertTrue(res.stateDict().containsKey("3.conv2.weight"));
    }

    @Test
    void specErrorsSayWhatAndWhere() {
        int[] in = {1, 28, 28};
        assertMessage("unknown layer 'convv'", () -> Network.build("convv(3,3) flatten fc(10)", in, 10, 0));
        assertMessage("add flatten", () -> Network.build("conv(3,3) fc(10)", in, 10, 0));
        assertMessage("unknown argument 'padd'", () -> Network.build("conv(3,3,padd=1) flatten fc(10)", in, 10, 0));
        assertMessage("smaller than the kernel", () -> Network.build("conv(3,30) flatten fc(10)", in, 10, 0));
        assertMessage("ends with 7 outputs but there are 10 classes", () -> Network.build("flatten fc(7)", in, 10, 0));
        assertMessage("never closed", () -> Network.build("conv(3,3", in, 10, 0));
        assertMessage("unknown architecture", () -> Architectures.spec("resnet-huge", 10));
        assertMessage("expects inputs of 1x28x28", () -> Network.build("lenet5", in, 10, 0).predict(new Tensor(1, 3, 28, 28)));
        Network net = Network.build("flatten fc(10)", in, 10, 0);
        Map<String, Tensor> sd = net.stateDict();
        sd.put("1.weight", new Tensor(10, 785));
        assertMessage("has shape 10x785, expected 10x784", () -> net.loadStateDict(sd));
    }

    @Test
    void multiLineSpecWithComments() {
        Network net = Network.build("""
                conv(4, 3, pad=1)   # stem
                bn relu
                gap flatten
                fc(3)
                """, new int[] {2, 9, 9}, 3, 0);
        assertEquals(6, net.layers().size());
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), "message '" + ex.getMessage() + "' should contain '" + part + "'");
    }
}
