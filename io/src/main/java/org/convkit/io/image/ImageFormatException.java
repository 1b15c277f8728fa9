package org.convkit.io.image;

import java.io.IOException;

/** A file whose content is not an image convkit can read (corrupt, truncated, empty, unknown format); the message is the reason. */
public class ImageFormatException extends IOException {
    public ImageFormatException(String reason) { super(reason); }

    public ImageFormatException(String reason, Throwable cause) { super(reason, cause); }
}
