package org.convkit.spark;

import org.apache.spark.sql.SparkSession;
import org.convkit.spark.jobs.JobSession;

/**
 * The one {@code local[2]} session of the test run (starting one takes some seconds): the jobs under
 * test get it back from {@link JobSession#open}'s {@code getOrCreate}. Spark stops it when the JVM exits.
 */
public final class SharedSpark {
    public static final String MASTER = "local[2]";

    private static SparkSession session;

    private SharedSpark() {}

    public static synchronized SparkSession get() {
        if (session == null) {
            session = JobSession.open("tests", MASTER);
            session.conf().set("spark.sql.shuffle.partitions", "4"); // tiny data: a few shuffle tasks, not 200
        }
        return session;
    }
}
