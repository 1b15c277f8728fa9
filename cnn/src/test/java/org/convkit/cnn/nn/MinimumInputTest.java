package org.convkit.cnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The smallest input of an architecture, against sizes worked out by hand from the layer formulas. */
class MinimumInputTest {
    @Test
    void presetsTakeTheSidesTheirLayersAllow() {
        // lenet5: conv 5 pad 2 keeps S; pool -> S/2; conv 5 -> S/2 - 4; pool needs S/2 - 4 >= 2, so S >= 12
        assertEquals(OptionalInt.of(12), MinimumInput.side("lenet5", 1, 10));
        // vgg-small: padded convs keep S; two 2x2 pools need S >= 4
        assertEquals(OptionalInt.of(4), MinimumInput.side("vgg-small", 3, 10));
        // resnet-small: padded convs, strided blocks round up, global pooling: any side
        assertEquals(OptionalInt.of(1), MinimumInput.side("resnet-small", 1, 10));
    }

    @Test
    void specsWithDilationStridesAndOddSizes() {
        // a 3x3 kernel dilated by 4 spans 9 pixels
        assertEquals(OptionalInt.of(9), MinimumInput.side("conv(4,3,dilation=4) flatten fc(2)", 1, 2));
        // conv 3 -> S - 2; stride-2 conv 3 -> (S - 5) / 2 + 1; pool 3 needs that >= 3: S >= 9
        assertEquals(OptionalInt.of(9), MinimumInput.side("conv(4,3) conv(4,3,stride=2) maxpool(3) flatten fc(2)", 1, 2));
        // the first side that builds when doubling (64) is above the minimum (37): bisection finds the latter
        assertEquals(OptionalInt.of(37), MinimumInput.side("conv(2,37) flatten fc(2)", 1, 2));
    }

    @Test
    void theMinimumBuildsAndOneLessDoesNotInEitherDirection() {
        for (String arch : new String[] {"lenet5", "vgg-small", "conv(4,3) conv(4,3,stride=2) maxpool(3) flatten fc(2)"}) {
            int s = MinimumInput.side(arch, 1, 2).orElseThrow();
            Network.build(arch, new int[] {1, s, s}, 2, 0);
            Network.build(arch, new int[] {1, s, 3 * s}, 2, 0);
            if (s > 1) {
                assertThrows(IllegalArgumentException.class, () -> Network.build(arch, new int[] {1, s - 1, 3 * s}, 2, 0), arch);
                assertThrows(IllegalArgumentException.class, () -> Network.build(arch, new int[] {1, 3 * s, s - 1}, 2, 0), arch);
            }
        }
    }

    @Test
    void aSpecWrongForEverySizeHasNoMinimum() {
        assertTrue(MinimumInput.side("conv(4,3) fc(2)", 1, 2).isEmpty()); // fc on an image: flatten missing
        assertTrue(MinimumInput.side("conv(4,3) bogus flatten fc(2)", 1, 2).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> MinimumInput.side("conv(4,3", 1, 2));
    }

    @Test
    void aSpecWrongForEverySizeStopsBeforeItsProbesGrowLarge() {
        // conv after fc never builds; at the largest probed side the fc would plan 4094^2 x 120 weights (8 GB)
        assertTrue(MinimumInput.side("conv(1,3) flatten fc(120) conv(2,3)", 1, 2).isEmpty());
    }
}
