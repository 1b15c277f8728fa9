package org.convkit.spark.jobs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * The images a job could not use, gathered from the tasks as they go (the job does not stop for them),
 * and the count of those it did use. Spark applies an action's accumulator updates once per task, so a
 * retried task counts once. The failures travel to the driver: one short row per damaged file.
 */
public final class Failures implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The errors output's columns. */
    public static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false);

    private final CollectionAccumulator<List<String>> failed;
    private final LongAccumulator done;

    public Failures(SparkSession spark, String job) {
        failed = spark.sparkContext().collectionAccumulator(job + " failures");
        done = spark.sparkContext().longAccumulator(job + " images");
    }

    /** On an executor: one image failed. */
    public void failed(String path, String reason) { failed.add(List.of(path, reason)); }

    /** On an executor: one image done. */
    public void done() { done.add(1); }

    public long doneCount() { return done.value(); }

    /** On the driver, after the action: the files refused before reading, then the failures, as rows of {@link #SCHEMA}. */
    public List<Row> rows(Dataset<Row> refused) {
        List<Row> rows = new ArrayList<>(refused.select("path", "reason").collectAsList());
        for (List<String> f : failed.value()) {
            rows.add(RowFactory.create(f.get(0), f.get(1)));
        }
        return rows;
    }
}
