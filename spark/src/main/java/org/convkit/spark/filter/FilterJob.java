package org.convkit.spark.filter;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.ExitCodes;
import org.convkit.io.image.ImageEncoder;
import org.convkit.io.image.RangeMode;
import org.convkit.io.image.SampleDepth;
import org.convkit.spark.io.HadoopConf;
import org.convkit.spark.io.ImageRows;
import org.convkit.spark.jobs.Failures;
import org.convkit.spark.jobs.JobOptions;
import org.convkit.spark.jobs.JobSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code convkit-spark filter}: {@code convkit filter} from a folder into a folder, on Spark. The options
 * are {@code convkit filter}'s (names, defaults and parsers; {@code FilterJobTest} holds them together),
 * and the files written equal the CLI's byte for byte.
 */
@Command(name = "filter", sortOptions = false, mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Filter a folder of images into another, as convkit filter, on Spark.",
                "The same kernels, border modes, formats, depths and naming as convkit filter (see 'convkit help filter');"
                        + " each output is written to a temporary file and renamed; existing files are kept unless --overwrite;"
                        + " images that fail are listed in the errors output (JSON lines of path, reason).",
                "",
                "Example: convkit-spark filter -k gaussian:sigma=2 -r hdfs:///photos -o hdfs:///photos-blurred"})
public final class FilterJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JobOptions job;

    @Parameters(index = "0", paramLabel = "DIR", description = "The input folder (any Hadoop path).")
    String input;

    @Option(names = {"-k", "--kernel"}, paramLabel = "SPEC", required = true,
            description = "A kernel, e.g. gaussian:sigma=2; repeat -k for a chain ('convkit help filter' lists them).")
    List<String> kernels;

    @Option(names = {"-b", "--border"}, paramLabel = "MODE", defaultValue = "reflect101",
            description = "zero, constant:V, replicate, reflect, reflect101 (default), wrap.")
    String border;

    @Option(names = "--correlate", description = "Apply custom matrices unflipped (correlation, as cv2.filter2D).")
    boolean correlate;

    @Option(names = "--normalize", description = "Divide custom matrices by their sum.")
    boolean normalize;

    @Option(names = {"-r", "--recursive"}, description = "Also take the images in subfolders (their tree is mirrored under -o).")
    boolean recursive;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The output folder (any Hadoop path).")
    String output;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "png, jpg, tif, bmp, pgm/ppm/pnm, pam, pfm, npy. Default: the input's format when it can hold the result, else png (tif with --depth float).")
    String format;

    @Option(names = "--suffix", paramLabel = "TEXT", description = "Add TEXT to output names (photo.png -> photoTEXT.png).")
    String suffix;

    @Option(names = "--overwrite", description = "Replace files that exist where the outputs go.")
    boolean overwrite;

    @Option(names = "--depth", paramLabel = "8|16|float", description = "Output sample depth (default: the input's).")
    String depth;

    @Option(names = "--range", paramLabel = "MODE", defaultValue = "clamp",
            description = "Integer output of values outside 0..max: clamp (default), abs, normalize, offset.")
    RangeMode range;

    @Option(names = "--errors", paramLabel = "PATH", description = "Where the images that failed are listed (JSON lines of path, reason; default: OUT-errors).")
    String errors;

    @Override
    public Integer call() throws IOException {
        FilterSettings settings = settings();
        SparkSession spark = JobSession.open("filter", job.master());
        long t0 = System.nanoTime();
        var hadoop = spark.sparkContext().hadoopConfiguration();
        Path in = new Path(input);
        FileSystem inFs = in.getFileSystem(hadoop);
        if (!inFs.isDirectory(in)) {
            throw new CommandFailure(input + ": " + (inFs.exists(in) ? "not a folder (the filter job takes a folder)" : "no such folder"));
        }
        String inputRoot = inFs.makeQualified(in).toString() + "/";
        Path out = new Path(output);
        String outputRoot = out.getFileSystem(hadoop).makeQualified(out).toString();
        String errorsPath = errors != null ? errors : output.replaceAll("/+$", "") + "-errors";
        Path errorsDir = new Path(errorsPath);
        if (errorsDir.getFileSystem(hadoop).exists(errorsDir)) {
            if (!overwrite) {
                throw new CommandFailure(errorsPath + ": exists; --overwrite replaces it");
            }
            errorsDir.getFileSystem(hadoop).delete(errorsDir, true);
        }

        ImageRows images = ImageRows.allImages(spark, input);
        String outPrefix = outputRoot + "/";
        boolean deep = recursive;
        FilterFunction<Row> taken = r -> {
            String path = r.getString(0);
            String relative = path.substring(inputRoot.length());
            return !path.startsWith(outPrefix) && (deep || relative.indexOf('/') < 0)
                    && !settings.ownOutput(relative.substring(relative.lastIndexOf('/') + 1));
        };
        Dataset<Row> rows = images.rows().filter(taken);
        Set<String> clashing = clashing(rows.select("path"), settings, inputRoot);
        Failures failures = new Failures(spark, "filter");
        FilterPartition work = new FilterPartition(settings, inputRoot, outputRoot, overwrite, clashing, new HadoopConf(hadoop), failures);
        long written = rows.mapPartitions(work, Encoders.row(FilterPartition.SCHEMA)).filter(col("error").isNull()).count();
        List<Row> failed = failures.rows(images.refused().filter(taken));
        if (!failed.isEmpty()) {
            spark.createDataFrame(failed, Failures.SCHEMA).coalesce(1).write().json(errorsPath);
        }
        if (!job.quiet()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "convkit-spark: filtered %d images into %s; %d failed%s, in %.1f s%n",
                    written, output, failed.size(), failed.isEmpty() ? "" : " (listed in " + errorsPath + ")", (System.nanoTime() - t0) / 1e9);
        }
        if (written == 0 && failed.isEmpty()) {
            spec.commandLine().getErr().println("convkit-spark: no image files found in " + input);
        }
        return failed.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The options checked as convkit filter checks them; a bad one is a usage error before Spark starts. */
    private FilterSettings settings() {
        FilterSettings s = new FilterSettings(kernels, correlate, normalize, border, format, depth, range, suffix);
        try {
            s.filter();
            s.borderRule();
            if (s.outputFormat() != null && s.sampleDepth() != null) {
                ImageEncoder.depthFor(s.outputFormat(), s.sampleDepth(), SampleDepth.U8);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return s;
    }

    /** Inputs whose output another input also has (a.png and a.jpg written as png): all but the first by path. */
    private static Set<String> clashing(Dataset<Row> paths, FilterSettings settings, String inputRoot) {
        MapFunction<Row, String> target = r -> settings.target(r.getString(0).substring(inputRoot.length())) + "\t" + r.getString(0);
        Dataset<String> pairs = paths.map(target, Encoders.STRING());
        Dataset<Row> split = pairs.selectExpr("split(value, '\\t')[0] AS target", "split(value, '\\t')[1] AS path");
        List<Row> groups = split.groupBy("target").agg(org.apache.spark.sql.functions.sort_array(
                org.apache.spark.sql.functions.collect_list("path")).as("paths"))
                .filter(org.apache.spark.sql.functions.size(col("paths")).gt(1)).collectAsList();
        Set<String> clashing = new HashSet<>();
        for (Row g : groups) {
            List<String> ps = g.getList(1);
            clashing.addAll(ps.subList(1, ps.size()));
        }
        return clashing;
    }
}
