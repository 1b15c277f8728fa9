package org.convkit.spark.jobs;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.convkit.cli.CommandFailure;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A job's table output ({@code @Mixin JobOutput out;}): {@code -o}, {@code --format parquet|json},
 * {@code --errors}, {@code --overwrite}. Spark writes a folder of part files through its output
 * committer (nothing appears under {@code OUT} until the job commits); an existing output is refused
 * unless {@code --overwrite}.
 */
public final class JobOutput {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The output folder (any Hadoop path).")
    String output;

    @Option(names = {"-f", "--format"}, paramLabel = "parquet|json", defaultValue = "parquet",
            description = "parquet, or json (JSON lines, for tools without a Parquet reader) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--errors", paramLabel = "PATH",
            description = "Where the images that failed go, as rows of path and reason, in the same format (default: OUT-errors;"
                    + " written only when some failed).")
    String errors;

    @Option(names = "--overwrite", description = "Replace OUT (and the errors output) if they exist.")
    boolean overwrite;

    /** The checked format name; a usage error otherwise. */
    public String format() {
        String f = format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("parquet") && !f.equals("json")) {
            throw new ParameterException(mixee.commandLine(), "--format: '" + format + "' is not parquet or json");
        }
        return f;
    }

    public String path() { return output; }

    public String errorsPath() { return errors != null ? errors : output.replaceAll("/+$", "") + "-errors"; }

    /** Refuses, before any work, outputs that exist (unless --overwrite). */
    public void checkWritable(SparkSession spark) throws IOException {
        format();
        for (String p : new String[] {output, errorsPath()}) {
            Path path = new Path(p);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!overwrite && fs.exists(path)) {
                throw new CommandFailure(p + ": exists; --overwrite replaces it");
            }
        }
    }

    public void write(Dataset<Row> rows) { write(rows, output); }

    /**
     * Writes the failures (rows of {@link Failures#SCHEMA}) as one file, when there are any; with
     * --overwrite an errors output of an earlier run goes, so that what is there belongs to this one.
     */
    public void writeErrors(SparkSession spark, List<Row> failures) throws IOException {
        if (!failures.isEmpty()) {
            write(spark.createDataFrame(failures, Failures.SCHEMA).coalesce(1), errorsPath());
        } else if (overwrite) {
            Path path = new Path(errorsPath());
            path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
        }
    }

    private void write(Dataset<Row> rows, String where) {
        rows.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).format(format())
                // feature vectors seldom repeat a value: Parquet's dictionary would be tried and dropped for every page
                .option("parquet.enable.dictionary#features.list.element", "false")
                .save(where);
    }
}
