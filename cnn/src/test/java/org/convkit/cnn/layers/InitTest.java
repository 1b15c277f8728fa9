package org.convkit.cnn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.convkit.cnn.testing.Distributions;
import org.junit.jupiter.api.Test;

/**
 * The initial weights of every layer type with parameters follow their scheme's distribution
 * ({@link Distributions}: bounds exactly, mean and variance within a few standard errors) over at least
 * {@value Distributions#MIN_SAMPLE} draws: the layers are initialised again and again from one seeded generator, so
 * the checks repeat exactly.
 */
class InitTest {
    @Test
    void torchConvAndLinearWeightsAndBiasesAreUniformInOneOverSqrtFanIn() {
        record Case(String what, Layer layer, int fanIn) {}
        List<Case> cases = List.of(
                new Case("Conv2d(1, 6, 5)", new Conv2d(1, 6, 5, 1, 2), 25),
                new Case("Conv2d(6, 16, 5)", new Conv2d(6, 16, 5, 1, 0), 150),
                new Case("Conv2d(8, 16, 3x2, groups=4, dilation=2)", new Conv2d(8, 16, 3, 2, 1, 1, 0, 0, 2, 4, true), 2 * 3 * 2),
                new Case("Linear(400, 120)", new Linear(400, 120, true), 400),
                new Case("Linear(84, 10)", new Linear(84, 10, true), 84));
        long seed = 1;
        for (Case c : cases) {
            double bound = 1 / Math.sqrt(c.fanIn());
            Distributions.assertUniform(c.what() + " weight", Distributions.draws(c.layer(), Init.TORCH, "weight", seed++), bound);
            Distributions.assertUniform(c.what() + " bias", Distributions.draws(c.layer(), Init.TORCH, "bias", seed++), bound);
        }
    }

    @Test
    void heAndXavierKeepTheirDistributionsAndZeroBiases() {
        Conv2d conv = new Conv2d(6, 16, 5, 1, 0);
        Distributions.assertNormal("He conv weight", Distributions.draws(conv, Init.HE, "weight", 3), Math.sqrt(2.0 / 150));
        Distributions.assertConstant("He conv bias", Distributions.draws(conv, Init.HE, "bias", 4), 0f);
        Linear fc = new Linear(400, 120, true);
        Distributions.assertNormal("He fc weight", Distributions.draws(fc, Init.HE, "weight", 5), Math.sqrt(2.0 / 400));
        Distributions.assertUniform("Xavier fc weight", Distributions.draws(fc, Init.XAVIER, "weight", 6), Math.sqrt(6.0 / (400 + 120)));
        Distributions.assertConstant("Xavier fc bias", Distributions.draws(fc, Init.XAVIER, "bias", 7), 0f);
    }

    @Test
    void batchNormStartsAtOneAndZeroUnderEveryScheme() {
        for (Init scheme : Init.values()) {
            for (BatchNorm bn : List.of(new BatchNorm.BatchNorm2d(16), new BatchNorm.BatchNorm1d(5))) {
                String what = bn.describe() + " " + scheme;
                Distributions.assertConstant(what + " weight", Distributions.draws(bn, scheme, "weight", 8), 1f);
                Distributions.assertConstant(what + " bias", Distributions.draws(bn, scheme, "bias", 9), 0f);
                Distributions.assertConstant(what + " running_mean", Distributions.draws(bn, scheme, "running_mean", 10), 0f);
                Distributions.assertConstant(what + " running_var", Distributions.draws(bn, scheme, "running_var", 11), 1f);
            }
        }
    }

    @Test
    void basicBlockConvolutionsUseTheirOwnFanIn() {
        BasicBlock block = new BasicBlock(16, 32, 2);
        Distributions.assertUniform("conv1", Distributions.draws(block, Init.TORCH, "conv1.weight", 12), 1 / Math.sqrt(16 * 9));
        Distributions.assertUniform("conv2", Distributions.draws(block, Init.TORCH, "conv2.weight", 13), 1 / Math.sqrt(32 * 9));
        Distributions.assertUniform("downsample.0", Distributions.draws(block, Init.TORCH, "downsample.0.weight", 14), 1 / Math.sqrt(16));
        Distributions.assertConstant("bn1 weight", Distributions.draws(block, Init.TORCH, "bn1.weight", 15), 1f);
        Distributions.assertConstant("downsample.1 bias", Distributions.draws(block, Init.TORCH, "downsample.1.bias", 16), 0f);
    }

    @Test
    void labelsParseInAnyCaseAndAnUnknownOneNamesTheChoices() {
        for (Init i : Init.values()) {
            assertEquals(i, Init.parse(" " + i.label().toUpperCase(java.util.Locale.ROOT)));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.parse("kaiming"));
        assertEquals("--init takes he, xavier or torch, got 'kaiming'", e.getMessage());
    }
}
