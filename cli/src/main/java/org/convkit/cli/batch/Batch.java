package org.convkit.cli.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.convkit.cli.files.InputFile;
import org.convkit.cli.files.InputWalker;

/**
 * Runs one task per input file on {@code workers} threads. The inputs are streamed through a small
 * bounded queue (the walker waits when the workers are busy), so memory does not grow with the number
 * of files. A failure is reported and the batch goes on.
 */
public final class Batch {

    /** The work for one file; any exception is that file's failure. */
    @FunctionalInterface
    public interface Task {
        void process(InputFile file) throws Exception;
    }

    /** Files that went through the task, and how many of them failed (walk problems included). */
    public record Result(long done, long failed) {}

    private static final InputFile END = new InputFile(null, java.nio.file.Path.of("end"));

    private Batch() {}

    public static Result run(InputWalker inputs, int workers, Task task, Reporter reporter) {
        if (inputs.repeatable() && reporter.progress().live()) {
            countInBackground(inputs, reporter);
        }
        AtomicLong done = new AtomicLong();
        if (workers <= 1) {
            walk(inputs, file -> runOne(task, file, reporter, done), reporter);
            return new Result(done.get(), reporter.failures());
        }
        BlockingQueue<InputFile> queue = new ArrayBlockingQueue<>(4 * workers);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofPlatform().name("convkit-worker-" + i).start(() -> {
                try {
                    for (InputFile f; (f = queue.take()) != END; ) {
                        runOne(task, f, reporter, done);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            walk(inputs, file -> put(queue, file), reporter);
        } finally {
            for (int i = 0; i < workers; i++) {
                put(queue, END);
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return new Result(done.get(), reporter.failures());
    }

    private static void walk(InputWalker inputs, java.util.function.Consumer<InputFile> sink, Reporter reporter) {
        try {
            inputs.walk(sink, reporter::failed);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            reporter.failed("inputs", e);
        }
    }

    private static void runOne(Task task, InputFile file, Reporter reporter, AtomicLong done) {
        try {
            task.process(file);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            reporter.failed(file.display(), e);
        } finally {
            done.incrementAndGet();
            reporter.progress().step();
        }
    }

    private static void put(BlockingQueue<InputFile> queue, InputFile f) {
        try {
            queue.put(f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Counts the inputs once more on the side, only to give the progress bar its total. */
    private static void countInBackground(InputWalker inputs, Reporter reporter) {
        Thread.ofPlatform().daemon().name("convkit-count").start(() -> {
            long[] n = {0};
            try {
                inputs.walk(f -> {
                    if (++n[0] % 64 == 0) reporter.progress().addTotal(64);
                }, (path, reason) -> { });
            } catch (Exception ignored) {
                // the real walk reports it
            }
            reporter.progress().addTotal(n[0] % 64);
        });
    }
}
