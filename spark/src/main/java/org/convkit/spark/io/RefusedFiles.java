package org.convkit.spark.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.PartitioningAwareFileIndex;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The empty files of a {@code binaryFile} listing. Spark's file index leaves 0-byte files out of every
 * scan (they hold no rows in a table format), so they would vanish without a word; convkit calls an
 * empty image file a failure. They are found in the listing the driver already holds.
 */
final class EmptyFiles {
    private static final StructType SCHEMA = new StructType().add("path", DataTypes.StringType, false);

    private EmptyFiles() {}

    /** Rows of {@code path}; none when {@code files} is not a plain file listing. */
    static Dataset<Row> of(SparkSession spark, Dataset<Row> files) {
        List<Row> empty = new ArrayList<>();
        LogicalPlan plan = files.queryExecution().analyzed();
        if (plan instanceof LogicalRelation relation && relation.relation() instanceof HadoopFsRelation fs
                && fs.location() instanceof PartitioningAwareFileIndex index) {
            for (FileStatus status : CollectionConverters.asJava(index.allFiles())) {
                if (status.getLen() == 0) {
                    empty.add(RowFactory.create(status.getPath().toString()));
                }
            }
        }
        return spark.createDataFrame(empty, SCHEMA);
    }
}
