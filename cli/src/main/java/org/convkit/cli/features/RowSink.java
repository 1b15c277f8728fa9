package org.convkit.cli.features;

import java.io.IOException;

/**
 * Where {@link Extraction} puts the rows it extracts, in data-set order: the disk spool of
 * {@code convkit features} ({@link org.convkit.io.features.RowSpool}), or memory for a command that trains on them.
 */
public interface RowSink {
    /** Appends one row; a row whose length differs from the first's is an IllegalArgumentException. */
    void add(float[] row, int label) throws IOException;
}
