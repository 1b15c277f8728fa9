package org.convkit.spark.jobs;

import org.convkit.filters.parallel.Parallel;

/**
 * The one place a Spark task sets convkit's thread count. Spark already runs one task per executor core,
 * so convkit runs single-threaded inside each task: an executor never runs more threads than its cores.
 */
public final class TaskThreads {
    private TaskThreads() {}

    /** Called at the start of every task, before any convkit code runs in it. */
    public static void singleThreaded() {
        Parallel.setThreads(1);
    }
}
