package org.convkit.spark.io;

import java.io.IOException;

/** A job's input that cannot be read as a whole (no such folder, no classes, a bad manifest): one line for the user. */
public final class InputException extends IOException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) { super(message); }
}
