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
 * The image files of a {@code binaryFile} listing that are refused before reading: empty ones (Spark's
 * file index leaves 0-byte files out of every scan, as they hold no rows in a table format, so they would
 * vanish without a word; convkit calls an empty image file a failure) and those over convkit's 2 GB.
 * They are found in the listing the driver already holds, without a pass over the files.
 */
final class RefusedFiles {
    private static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false);

    private RefusedFiles() {}

    /** Rows of {@code path}, {@code reason}; none when {@code files} is not a plain file listing. */
    static Dataset<Row> of(SparkSession spark, Dataset<Row> files) {
        List<Row> refused = new ArrayList<>();
        LogicalPlan plan = files.queryExecution().analyzed();
        if (plan instanceof LogicalRelation relation && relation.relation() instanceof HadoopFsRelation fs
                && fs.location() instanceof PartitioningAwareFileIndex index) {
            for (FileStatus status : CollectionConverters.asJava(index.allFiles())) {
                String path = status.getPath().toString();
                if (ConvkitIo.isImageName(path) && (status.getLen() == 0 || status.getLen() > ConvkitIo.MAX_FILE_BYTES)) {
                    refused.add(RowFactory.create(path, status.getLen() == 0 ? ImageRows.EMPTY : ImageRows.TOO_LARGE));
                }
            }
        }
        return spark.createDataFrame(refused, SCHEMA);
    }
}
