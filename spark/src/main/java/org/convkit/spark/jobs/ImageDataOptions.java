package org.convkit.spark.jobs;

import java.io.IOException;
import org.apache.spark.sql.SparkSession;
import org.convkit.spark.io.ImageRows;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where a job's images are ({@code @Mixin ImageDataOptions data;}): a class-folder tree or a manifest. */
public final class ImageDataOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--data", paramLabel = "PATH",
                description = "A folder of class folders (root/<class>/*.png, classes sorted by name, as convkit's --data; root/train and"
                        + " root/test when both exist), on any Hadoop file system (file:, hdfs:, s3a:...).")
        String data;

        @Option(names = "--manifest", paramLabel = "FILE",
                description = "A list of images instead of a folder: a CSV file with a header, or Parquet, with columns path and label"
                        + " (paths relative to the manifest's folder, or absolute URIs); no listing of folders.")
        String manifest;
    }

    @Option(names = "--split", paramLabel = "train|test", defaultValue = "train",
            description = "With --data: root/train or root/test when the folder holds both (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--partitions", paramLabel = "N",
            description = "With --manifest: tasks to spread the images over (default: one per thousand images, at least the"
                    + " cluster's default parallelism). With --data Spark packs files by size (spark.sql.files.*).")
    int partitions;

    /** The images, their labels and class names ({@code needLabels}: a manifest must have a label column). */
    public ImageRows open(SparkSession spark, boolean needLabels) throws IOException {
        String s = split.trim().toLowerCase(java.util.Locale.ROOT);
        if (!s.equals("train") && !s.equals("test")) {
            throw new ParameterException(mixee.commandLine(), "--split: '" + split + "' is not a split (valid: train, test)");
        }
        return source.data != null ? ImageRows.classFolders(spark, source.data, s)
                : ImageRows.manifest(spark, source.manifest, needLabels, partitions);
    }

    /** What was given, for messages. */
    public String describe() { return source.data != null ? source.data : source.manifest; }
}
