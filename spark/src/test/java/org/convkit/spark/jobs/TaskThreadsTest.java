package org.convkit.spark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.convkit.filters.parallel.Parallel;
import org.junit.jupiter.api.Test;

/** Rows pulled from a task's iterator are computed with convkit on one thread; the caller's count is untouched. */
class TaskThreadsTest {
    @Test
    void eachPullRunsOnOneThreadAndTheScopeEndsWithIt() {
        Parallel.withThreads(3).run(() -> {
            List<Integer> seen = new ArrayList<>();
            Iterator<Integer> rows = IntStream.range(0, 4).boxed().map(i -> Parallel.threads()).iterator();
            Iterator<Integer> task = TaskThreads.singleThreaded(new Iterator<>() {
                @Override
                public boolean hasNext() {
                    seen.add(Parallel.threads());
                    return rows.hasNext();
                }

                @Override
                public Integer next() { return rows.next(); }
            });
            task.forEachRemaining(seen::add);
            assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1, 1), seen);
            assertEquals(3, Parallel.threads());
        });
    }
}
