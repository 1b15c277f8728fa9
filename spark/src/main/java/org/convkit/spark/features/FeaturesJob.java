package org.convkit.spark.features;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.Encoders;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.features.FeatureOptions;
import org.convkit.spark.io.HadoopConf;
import org.convkit.spark.io.ImageRows;
import org.convkit.spark.jobs.Failures;
import org.convkit.spark.jobs.ImageDataOptions;
import org.convkit.spark.jobs.JobOptions;
import org.convkit.spark.jobs.JobOutput;
import org.convkit.spark.jobs.JobSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code convkit-spark features}: {@code convkit features} over images on a Hadoop file system. */
@Command(name = "features", sortOptions = false, mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"One feature vector per image, as convkit features, on Spark.",
                "Writes path, label, label_index and features (array<float>, equal to convkit features' vector for the same image"
                        + " and options) as Parquet or JSON lines; images that fail go to the errors output (path, reason).",
                "",
                "Example: convkit-spark features --type hog --cell 4 --data s3a://bucket/images -o s3a://bucket/hog"})
public final class FeaturesJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JobOptions job;

    @Mixin
    ImageDataOptions data;

    @Mixin(name = "features")
    FeatureOptions features;

    @Mixin
    JobOutput out;

    FeatureOptions featureOptions() { return features; }

    @Override
    public Integer call() throws IOException {
        features.build(); // a bad option value is a usage error here, before Spark starts
        SparkSession spark = JobSession.open("features", job.master());
        long t0 = System.nanoTime();
        out.checkWritable(spark);
        ImageRows images = data.open(spark, true);
        Failures failures = new Failures(spark, "features");
        ExtractFeatures extract = new ExtractFeatures(FeatureArgs.of(spec),
                new HadoopConf(spark.sparkContext().hadoopConfiguration()), failures);
        Dataset<Row> rows = images.rows().mapPartitions(extract, Encoders.row(ExtractFeatures.SCHEMA));
        out.write(rows.filter(col("error").isNull()).drop("error"));
        java.util.List<Row> failedRows = failures.rows(images.refused());
        out.writeErrors(spark, failedRows);
        long failed = failedRows.size();
        long n = failures.doneCount();
        if (!job.quiet()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "convkit-spark: wrote %s (%s): %d images, %s features, %d classes; %d failed%s, in %.1f s%n",
                    out.path(), out.format(), n, features.type(), images.classes().size(), failed,
                    failed > 0 ? " (listed in " + out.errorsPath() + ")" : "", (System.nanoTime() - t0) / 1e9);
        }
        if (n == 0) {
            throw new CommandFailure("no image could be read from " + data.describe());
        }
        return failed > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
