package org.convkit.cli.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.convkit.cli.files.InputFile;
import org.convkit.filters.parallel.Parallel;

/**
 * Runs one task per input file on {@code workers} threads, each taking the next file of the list. The
 * list holds paths only (the walk is done before: the output checks need every input, see
 * {@link org.convkit.cli.files.OutputPlan}); images are decoded one per worker, so memory grows with the
 * workers, not with the number of files. A failure is reported and the batch goes on.
 */
public final class Batch {

    /** The work for one file; any exception is that file's failure. */
    @FunctionalInterface
    public interface Task {
        void process(InputFile file) throws Exception;
    }

    /** Files that went through the task, and how many failed (problems reported before the batch included). */
    public record Result(long done, long failed) {}

    private Batch() {}

    public static Result run(List<InputFile> files, int workers, Task task, Reporter reporter) {
        reporter.progress().addTotal(files.size());
        AtomicLong done = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        // each worker thread runs with this thread's numeric settings (its Parallel thread count)
        Runnable worker = Parallel.inherit(() -> {
            for (int i; (i = next.getAndIncrement()) < files.size(); ) {
                runOne(task, files.get(i), reporter, done);
            }
        });
        if (workers <= 1 || files.size() <= 1) {
            worker.run();
            return new Result(done.get(), reporter.failures());
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < Math.min(workers, files.size()); i++) {
            threads.add(Thread.ofPlatform().name("convkit-worker-" + i).start(worker));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Result(done.get(), reporter.failures());
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
}
