package org.convkit.io.model;

import java.io.IOException;

/**
 * A model or checkpoint file whose content convkit cannot trust: not safetensors, truncated, damaged,
 * inconsistent with itself, or declaring more than it holds. The message is the reason, without the
 * file's name (the command adds it). Faults of the file system (no such file, permission denied) stay
 * plain {@link IOException}s.
 */
public class ModelFormatException extends IOException {
    public ModelFormatException(String reason) { super(reason); }

    public ModelFormatException(String reason, Throwable cause) { super(reason, cause); }
}
