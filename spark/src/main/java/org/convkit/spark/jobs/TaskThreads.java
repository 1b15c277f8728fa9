package org.convkit.spark.jobs;

import java.util.Iterator;
import org.convkit.filters.parallel.Parallel;

/**
 * The one place a Spark task sets convkit's thread count. Spark already runs one task per executor core,
 * so convkit runs single-threaded inside each task: an executor never runs more threads than its cores.
 * The count is scoped to the task's own calls (several tasks share an executor's JVM), and a partition's
 * rows are computed lazily as Spark pulls them, so each pull runs inside the scope.
 */
public final class TaskThreads {
    private TaskThreads() {}

    /** {@code rows}, each {@code hasNext} and {@code next} run with convkit on one thread. */
    public static <T> Iterator<T> singleThreaded(Iterator<T> rows) {
        ScopedValue.Carrier one = Parallel.withThreads(1);
        return new Iterator<>() {
            @Override
            public boolean hasNext() { return one.call(rows::hasNext); }

            @Override
            public T next() { return one.call(rows::next); }
        };
    }
}
