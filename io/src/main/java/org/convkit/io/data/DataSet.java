package org.convkit.io.data;

import java.io.IOException;
import java.util.List;

/**
 * A labelled image data set with random access, so that it can be read in parallel, limited and
 * sampled. Implementations are safe to read from several threads. Open one with {@link DataSets#open}.
 */
public interface DataSet extends AutoCloseable {

    /** One line for messages: the format, split, size and where it is. */
    String description();

    /** Class names; a label is an index into this list. */
    List<String> classes();

    int size();

    /** The label of sample {@code i}, without decoding its image. */
    int label(int i);

    /** What to call sample {@code i} in messages (a path, or FILE#k), without reading it. */
    String name(int i);

    /** Sample {@code i}, decoded; an unreadable image throws (the caller reports it and goes on). */
    Sample get(int i) throws IOException;

    @Override
    default void close() throws IOException {}
}
