package org.convkit.cli.progress;

import java.io.PrintStream;

/**
 * Progress of a batch, counted in files. {@link #forFiles} gives a live bar on standard error when it
 * is a terminal (files done, rate, time left) and a silent one otherwise. Messages about single files
 * go through {@link #message} so that they do not tear the bar.
 */
public interface Progress extends AutoCloseable {

    /** Raises the number of files expected (the bar's total; unknown until first called). */
    void addTotal(long files);

    /** One file done. */
    void step();

    /** Prints one line on standard error above the bar. */
    void message(String line);

    @Override
    void close();

    /** True for a live bar (worth counting the inputs ahead for its total). */
    default boolean live() { return false; }

    /** A bar when {@code err} is the process's standard error, it is a terminal and not {@code quiet}. */
    static Progress forFiles(String task, boolean quiet, PrintStream err) {
        if (!quiet && err == System.err && Terminals.stderrIsTerminal()) {
            return new TerminalProgress(task);
        }
        return silent(err);
    }

    /** No bar; messages still go to {@code err}. */
    static Progress silent(PrintStream err) {
        return new Progress() {
            @Override public void addTotal(long files) {}
            @Override public void step() {}
            @Override public void message(String line) { err.println(line); }
            @Override public void close() { err.flush(); }
        };
    }
}
