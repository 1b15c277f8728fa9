package org.convkit.cnn.nn;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.cnn.tensor.Tensor;

/**
 * The values one sample takes in a network: its input and each layer's output, all kept during a pass (the
 * backward pass needs them). They size inference batches ({@link Inference#batch}) and bound what a network
 * described by a stranger's file may allocate.
 */
public final class SampleValues {
    private SampleValues() {}

    /** The input's shape, then each layer's output shape (CHW, without the batch). */
    static List<int[]> shapes(Network net) {
        return Stream.concat(Stream.of(net.inputShape()), net.summary().rows().stream().map(Summary.Row::outputShape)).toList();
    }

    private static long count(int[] shape) { return Arrays.stream(shape).asLongStream().reduce(1, Math::multiplyExact); }

    /** The values of the input and all layers' outputs together, for one sample. */
    public static long total(Network net) {
        long total = 0;
        for (int[] s : shapes(net)) {
            total += count(s);
        }
        return total;
    }

    /**
     * An IllegalArgumentException saying which when the input or a layer's output holds more than {@code perShape}
     * values for one sample, or all of them together more than {@code together}.
     */
    public static void requireAtMost(Network net, long perShape, long together) {
        long total = 0;
        for (int[] s : shapes(net)) {
            long values = count(s);
            if (values > perShape) {
                throw new IllegalArgumentException(Tensor.shapeString(s) + " values per sample (" + values + ") is more than convkit takes ("
                        + perShape + ")");
            }
            total += values;
        }
        if (total > together) {
            throw new IllegalArgumentException("its layers hold " + total + " values per sample together, more than convkit takes ("
                    + together + ")");
        }
    }
}
