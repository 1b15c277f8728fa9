package org.convkit.cnn.nn;

/** One training step's mean loss and how many of its {@code count} samples were classified correctly. */
public record StepResult(float loss, int correct, int count) {}
