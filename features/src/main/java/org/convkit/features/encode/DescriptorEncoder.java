package org.convkit.features.encode;

import org.convkit.features.sift.Descriptors;
import org.convkit.features.state.ModelState;

/** Turns an image's local descriptors into one fixed-length vector (bag of words, Fisher vector). */
public interface DescriptorEncoder {
    int inputDimension();

    int outputDimension();

    float[] encode(Descriptors descriptors);

    /** Writes the learnt state and parameters under {@code prefix}; {@link #importFrom} reads them back. */
    void exportTo(ModelState state, String prefix);

    static DescriptorEncoder importFrom(ModelState state, String prefix) {
        return switch (state.string(prefix + "kind")) {
            case "bovw" -> BagOfWords.importFrom(state, prefix);
            case "fisher" -> FisherVector.importFrom(state, prefix);
            default -> throw new IllegalArgumentException("unknown encoder kind '" + state.string(prefix + "kind") + "'");
        };
    }
}
