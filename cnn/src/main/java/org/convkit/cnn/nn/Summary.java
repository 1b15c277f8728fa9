package org.convkit.cnn.nn;

import java.util.List;

/**
 * What {@code convkit cnn summary} prints: per layer its state-dict prefix (the index in the
 * {@code nn.Sequential}), description, output shape (without the batch) and parameter count; and totals.
 */
public record Summary(int[] inputShape, List<Row> rows, long totalParams, long trainableParams) {
    public record Row(String name, String layer, int[] outputShape, long params) {}
}
