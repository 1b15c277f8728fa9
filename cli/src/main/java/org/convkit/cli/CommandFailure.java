package org.convkit.cli;

/** An expected failure of a whole command (not of one input file): one line on standard error, exit 1. */
public class CommandFailure extends RuntimeException {
    public CommandFailure(String message) { super(message); }

    public CommandFailure(String message, Throwable cause) { super(message, cause); }
}
