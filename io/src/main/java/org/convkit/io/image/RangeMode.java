package org.convkit.io.image;

/** How float results become integer samples (the {@code --range} option). Rounding is to nearest, ties to even, as OpenCV's saturate_cast. */
public enum RangeMode {
    /** Values outside 0..max are cut off (OpenCV's saturate_cast). */
    CLAMP,
    /** The magnitude |v|, then clamped: edge strength of a signed derivative. */
    ABS,
    /** Each image's own min..max stretched to 0..max. */
    NORMALIZE,
    /** Mid-grey (128 or 32768) added, then clamped: signed results with zero as grey. */
    OFFSET
}
