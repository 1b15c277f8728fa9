package org.convkit.spark.predict;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.ExitCodes;
import org.convkit.spark.io.ConvkitModels;
import org.convkit.spark.io.HadoopConf;
import org.convkit.spark.io.ImageRows;
import org.convkit.spark.io.InputException;
import org.convkit.spark.io.ModelFile;
import org.convkit.spark.jobs.Failures;
import org.convkit.spark.jobs.JobOptions;
import org.convkit.spark.jobs.JobOutput;
import org.convkit.spark.jobs.JobSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convkit-spark predict}: {@code convkit baseline predict} or {@code convkit cnn predict} on Spark. */
@Command(name = "predict", sortOptions = false, mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"The best class of each image, with a baseline or CNN model, as convkit baseline|cnn predict, on Spark.",
                "Writes path, class and score (a baseline's SVM margin, a network's probability: the values convkit baseline|cnn"
                        + " predict print) as Parquet or JSON lines; images that fail go to the errors output (path, reason).",
                "",
                "Example: convkit-spark predict --model hog.cvb --data s3a://bucket/new-images -o s3a://bucket/predictions"})
public final class PredictJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JobOptions job;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "A model from convkit baseline train or convkit cnn train (any Hadoop path); read once, broadcast to the executors.")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--data", paramLabel = "PATH", description = "A folder: every image below it, sub-folders included (any Hadoop path).")
        String data;

        @Option(names = "--manifest", paramLabel = "FILE", description = "A CSV file with a header, or Parquet, with a column path (label ignored).")
        String manifest;
    }

    @Option(names = "--partitions", paramLabel = "N", description = "With --manifest: tasks to spread the images over (default: one per thousand images).")
    int partitions;

    @Mixin
    JobOutput out;

    @Override
    public Integer call() throws IOException {
        out.format();
        SparkSession spark = JobSession.open("predict", job.master());
        long t0 = System.nanoTime();
        out.checkWritable(spark);
        byte[] bytes = ModelFile.read(model, spark.sparkContext().hadoopConfiguration());
        Path local = Files.createTempFile("convkit-model-", ".safetensors");
        ConvkitModels.Kind kind;
        try {
            Files.write(local, bytes);
            kind = ConvkitModels.kindOf(local);
        } catch (InputException e) {
            throw new CommandFailure(model + ": " + e.getMessage());
        } finally {
            Files.deleteIfExists(local);
        }
        ImageRows images = source.data != null ? ImageRows.allImages(spark, source.data)
                : ImageRows.manifest(spark, source.manifest, false, partitions);
        Broadcast<byte[]> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        Failures failures = new Failures(spark, "predict");
        PredictPartition predict = new PredictPartition(shared, kind,
                new HadoopConf(spark.sparkContext().hadoopConfiguration()), failures);
        Dataset<Row> rows = images.rows().mapPartitions(predict, Encoders.row(PredictPartition.SCHEMA));
        out.write(rows.filter(col("error").isNull()).drop("error"));
        List<Row> failed = failures.rows(images.refused());
        out.writeErrors(spark, failed);
        long n = failures.doneCount();
        if (!job.quiet()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "convkit-spark: wrote %s (%s): %d images classified with the %s model %s; %d failed%s, in %.1f s%n",
                    out.path(), out.format(), n, kind.name().toLowerCase(Locale.ROOT), model, failed.size(),
                    failed.isEmpty() ? "" : " (listed in " + out.errorsPath() + ")", (System.nanoTime() - t0) / 1e9);
        }
        if (n == 0 && failed.isEmpty()) {
            throw new CommandFailure("no image found in " + (source.data != null ? source.data : source.manifest));
        }
        return failed.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
