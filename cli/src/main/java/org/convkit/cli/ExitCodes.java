package org.convkit.cli;

/** convkit's exit codes, the same for every command. */
public final class ExitCodes {
    /** Everything done. */
    public static final int OK = 0;
    /** Some inputs failed (each was named on standard error), or the command could not finish. */
    public static final int FAILED = 1;
    /** A usage error: unknown option, bad kernel or border spec, contradictory options. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
