package org.convkit.cli.batch;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.atomic.AtomicLong;
import org.convkit.io.image.ImageFormatException;
import org.convkit.cli.progress.Progress;

/**
 * Reports what went wrong with single files of a batch: one line each, {@code convkit: FILE: REASON},
 * on standard error; the batch goes on and the command exits 1 at the end. Expected failures (bad
 * images, missing files, refusals to clobber) never show a stack trace; surprises do with {@code -v}.
 */
public final class Reporter {
    private final Progress progress;
    private final boolean verbose;
    private final PrintStream err;
    private final AtomicLong failures = new AtomicLong();

    public Reporter(Progress progress, boolean verbose, PrintStream err) {
        this.progress = progress;
        this.verbose = verbose;
        this.err = err;
    }

    public void failed(String file, String reason) {
        failures.incrementAndGet();
        progress.message("convkit: " + file + ": " + reason);
    }

    public void failed(String file, Throwable e) {
        failed(file, reason(e));
        if (verbose && !expected(e)) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            progress.message(trace.toString().stripTrailing());
        }
    }

    /** A note shown only with {@code -v}. */
    public void note(String line) {
        if (verbose) {
            progress.message("convkit: " + line);
        }
    }

    public long failures() { return failures.get(); }

    public Progress progress() { return progress; }

    public PrintStream err() { return err; }

    static boolean expected(Throwable e) {
        return e instanceof java.io.IOException || e instanceof IllegalArgumentException || e instanceof OutOfMemoryError;
    }

    /** A short human reason for a failure. */
    public static String reason(Throwable e) {
        return switch (e) {
            case ImageFormatException f -> f.getMessage();
            case NoSuchFileException n -> "no such file" + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
            case AccessDeniedException a -> "permission denied" + (a.getFile() == null ? "" : ": " + a.getFile());
            case FileAlreadyExistsException x -> (x.getFile() == null ? "" : x.getFile() + " ")
                    + (x.getReason() != null ? x.getReason() : "exists; --overwrite replaces it");
            case NotDirectoryException n -> "not a folder: " + n.getFile();
            case FileSystemException f -> (f.getReason() != null ? f.getReason() : "file system error") + (f.getFile() == null ? "" : ": " + f.getFile());
            case OutOfMemoryError o -> "out of memory (try -j 1, or more heap: CONVKIT_JAVA_OPTS=-Xmx8g)";
            case java.io.IOException io -> io.getMessage() != null ? io.getMessage() : io.getClass().getSimpleName();
            case IllegalArgumentException a -> a.getMessage();
            default -> "internal error: " + e + " (run with -v for details)";
        };
    }
}
