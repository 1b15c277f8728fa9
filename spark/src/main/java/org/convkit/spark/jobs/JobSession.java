package org.convkit.spark.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a job gets its {@link SparkSession}. Under {@code spark-submit} the launcher's
 * settings stand; run directly ({@code ./convkit-spark}, tests) it is {@code local[*]} or
 * {@code --master}, on the loopback interface without the web UI. Either way the many-small-files
 * settings below apply unless set by the user.
 */
public final class JobSession {
    /**
     * What Spark counts for opening a file when it packs files into partitions: about the size of one
     * compressed image, not Spark's 4 MB, so that a folder of small images makes partitions of some
     * thousands of files instead of a few dozen each.
     */
    public static final String OPEN_COST_BYTES = Long.toString(64 * 1024);
    /** At most this many bytes of input per partition: at tens of milliseconds per photograph, a task of a few minutes. */
    public static final String MAX_PARTITION_BYTES = Long.toString(32L * 1024 * 1024);

    private JobSession() {}

    /** A session for {@code job}; {@code master} null keeps spark-submit's master, else {@code local[*]}. */
    public static SparkSession open(String job, String master) {
        SparkConf given = new SparkConf(); // spark.* system properties, as spark-submit sets them
        SparkSession.Builder b = SparkSession.builder().appName("convkit-spark " + job);
        String chosen = master != null ? master : given.get("spark.master", "local[*]");
        b.master(chosen);
        if (chosen.startsWith("local")) {
            setUnlessGiven(b, given, "spark.driver.host", "127.0.0.1");
            setUnlessGiven(b, given, "spark.driver.bindAddress", "127.0.0.1");
            setUnlessGiven(b, given, "spark.ui.enabled", "false");
            setUnlessGiven(b, given, "spark.ui.showConsoleProgress", "false");
        }
        setUnlessGiven(b, given, "spark.sql.files.openCostInBytes", OPEN_COST_BYTES);
        setUnlessGiven(b, given, "spark.sql.files.maxPartitionBytes", MAX_PARTITION_BYTES);
        return b.getOrCreate();
    }

    private static void setUnlessGiven(SparkSession.Builder b, SparkConf given, String key, String value) {
        if (!given.contains(key)) {
            b.config(key, value);
        }
    }
}
