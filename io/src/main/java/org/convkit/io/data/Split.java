package org.convkit.io.data;

/** Which part of a data set to read: MNIST's {@code train-*} / {@code t10k-*} files, CIFAR's batches. */
public enum Split {
    TRAIN, TEST;

    @Override
    public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }
}
