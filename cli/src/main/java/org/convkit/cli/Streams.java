package org.convkit.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** The standard streams a command uses; tests pass their own to run commands in-process. */
public record Streams(InputStream in, PrintStream out, PrintStream err) {
    public static Streams system() { return new Streams(System.in, System.out, System.err); }
}
