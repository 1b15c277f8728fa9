package org.convkit.cli.files;

import java.nio.file.Path;

/**
 * One input: a file (and where it sits relative to the folder it was found in, for mirroring the
 * tree under {@code -o DIR}), or standard input ({@code path == null}).
 */
public record InputFile(Path path, Path relative) {

    public static final InputFile STDIN = new InputFile(null, Path.of("stdin"));

    public boolean isStdin() { return path == null; }

    /** How messages name it: the path as the user gave it, or {@code -}. */
    public String display() { return isStdin() ? "-" : path.toString(); }

    @Override
    public String toString() { return display(); }
}
