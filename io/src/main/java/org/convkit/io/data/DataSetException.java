package org.convkit.io.data;

import java.io.IOException;

/** A data set that cannot be opened: the message names the file and says what is wrong with it. */
public class DataSetException extends IOException {
    public DataSetException(String message) { super(message); }

    public DataSetException(String message, Throwable cause) { super(message, cause); }
}
