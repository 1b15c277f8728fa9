package org.convkit.cnn.train;

/**
 * One epoch's figures: mean training loss and accuracy over its batches (as they were trained, in
 * training mode), validation accuracy after it (NaN without validation), the learning rate of its last
 * step, and its wall time in seconds. {@code epoch} counts from 1.
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double valAccuracy, double lr, double seconds) {}
