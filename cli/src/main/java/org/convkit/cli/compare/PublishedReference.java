package org.convkit.cli.compare;

import java.util.List;
import java.util.Optional;
import org.convkit.io.data.DataSets;

/**
 * Published test accuracies next to which a pipeline's own can be read. Only for Fashion-MNIST (recognised
 * by its class names), from the benchmark table of the data set's README
 * (github.com/zalandoresearch/fashion-mnist, "Benchmark"; figures submitted by their authors, on the full
 * 60,000 / 10,000 split). The methods are alike, not the same: the HOG+SVM entry used a kernel SVM.
 */
record PublishedReference(double accuracy, String method) {
    static final String SOURCE = "Fashion-MNIST benchmark table, README of github.com/zalandoresearch/fashion-mnist";

    static Optional<PublishedReference> of(Pipeline p, List<String> classes) {
        if (!classes.equals(DataSets.FASHION_MNIST_CLASSES)) {
            return Optional.empty();
        }
        return switch (p) {
            case HOG, HOG_CHI2 -> Optional.of(new PublishedReference(0.926, "HOG+SVM"));
            case VGG_SMALL -> Optional.of(new PublishedReference(0.934, "2 Conv+pooling+BN"));
            case RESNET_SMALL -> Optional.of(new PublishedReference(0.949, "ResNet18"));
            default -> Optional.empty();
        };
    }
}
