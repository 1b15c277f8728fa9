package org.convkit.io.image;

import java.util.Locale;

/**
 * How deep the samples of an image file are. Pixels keep their file's scale in memory (an 8-bit 200
 * is 200f, a 16-bit sample stays in 0..65535, as OpenCV does); the depth says what that scale is.
 */
public enum SampleDepth {
    U8(255f), U16(65535f), FLOAT(Float.NaN);

    private final float max;

    SampleDepth(float max) { this.max = max; }

    /** The largest integer sample, 255 or 65535; NaN for float. */
    public float max() { return max; }

    public boolean isInteger() { return this != FLOAT; }

    /** The factor that carries a value from this depth's scale to {@code target}'s (8 to 16 bits is 257). */
    public float scaleTo(SampleDepth target) {
        return isInteger() && target.isInteger() ? target.max / max : 1f;
    }

    /** Parses the {@code --depth} values {@code 8}, {@code 16} and {@code float}. */
    public static SampleDepth parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "8", "u8", "uint8" -> U8;
            case "16", "u16", "uint16" -> U16;
            case "float", "f32", "float32", "32" -> FLOAT;
            default -> throw new IllegalArgumentException("unknown depth '" + text + "' (valid: 8, 16, float)");
        };
    }

    @Override
    public String toString() { return this == FLOAT ? "float" : this == U8 ? "8-bit" : "16-bit"; }
}
