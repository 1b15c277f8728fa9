package org.convkit.io.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PixelLimitTest {
    private final long limit = PixelLimit.max();

    @AfterEach
    void restoreLimit() { PixelLimit.set(limit); }

    @Test
    void parsesCountsAndNone() {
        assertEquals(1000, PixelLimit.parse("1_000"));
        assertEquals(250_000_000, PixelLimit.parse(" 250,000,000 "));
        assertEquals(Long.MAX_VALUE, PixelLimit.parse("none"));
        assertEquals(Long.MAX_VALUE, PixelLimit.parse("NONE"));
        assertEquals(Long.MAX_VALUE, PixelLimit.parse("0"));
        for (String bad : new String[] {"-1", "lots", "", "1e9", "99999999999999999999"}) {
            assertThrows(IllegalArgumentException.class, () -> PixelLimit.parse(bad), bad);
        }
    }

    @Test
    void refusesFromTheProductWithoutOverflow() {
        PixelLimit.set(100);
        assertNull(PixelLimit.refusal(10, 10));
        assertTrue(PixelLimit.refusal(101, 1).contains("101x1 = 101 pixels, over the pixel limit of 100"));
        assertTrue(PixelLimit.refusal(Long.MAX_VALUE, Long.MAX_VALUE).contains("over the pixel limit"));
        assertTrue(PixelLimit.refusal(0, 5).contains("not an image size"));
        PixelLimit.set(Long.MAX_VALUE);
        assertEquals("none", PixelLimit.asOption());
        assertTrue(PixelLimit.refusal(1L << 16, 1L << 16).contains("more than convkit's image planes hold"));
        assertNull(PixelLimit.refusal(1L << 15, 1L << 15));
    }
}
