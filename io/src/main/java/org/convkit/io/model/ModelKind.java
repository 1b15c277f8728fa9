package org.convkit.io.model;

/**
 * One kind of convkit model file and the format versions this build reads of it.
 *
 * @param format    the value of {@code convkit.format} ("convkit-baseline", "convkit-cnn")
 * @param name      what the kind is called in messages ("baseline", "CNN")
 * @param oldest    the oldest version still read
 * @param current   the version written
 * @param enveloped the first version laid out as {@link ModelEnvelope} describes; older ones carry no CRC and
 *                  give the input shape as one {@code input.shape} entry, CxHxW
 */
public record ModelKind(String format, String name, int oldest, int current, int enveloped) {
    public ModelKind {
        if (oldest < 1 || oldest > current || enveloped < oldest || enveloped > current) {
            throw new IllegalArgumentException("versions " + oldest + " to " + current + ", enveloped from " + enveloped);
        }
    }
}
