package org.convkit.io.npy;

import java.io.IOException;

/** A {@code .npy} file (or array of a {@code .npz}) that convkit cannot read; the message is the reason. */
public class NpyFormatException extends IOException {
    public NpyFormatException(String reason) { super(reason); }
}
