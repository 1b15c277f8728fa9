package org.convkit.cnn.nn;

import java.util.Map;

/**
 * Hears, before each layer of a network being built allocates anything, the state-dict entries it is
 * about to create (full names such as {@code 3.weight}, and shapes). A loader compares them with the
 * tensors its file holds, so that an architecture declaring layers larger than the file is refused
 * before their memory is taken. Throws {@link IllegalArgumentException} to stop the build.
 */
@FunctionalInterface
public interface StateCheck {
    void beforeAllocating(Map<String, int[]> entries);

    /** Allows everything (a network built from options rather than from a file). */
    StateCheck NONE = entries -> { };
}
