package org.convkit.cli.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.batch.Reporter;
import org.convkit.io.data.DataSet;
import org.convkit.cli.data.DataSetOptions;
import org.convkit.io.AtomicOutput;
import org.convkit.cli.files.InputSet;
import org.convkit.cli.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code convkit features}: one feature vector per image of a data set, to one file. */
@Command(name = "features", sortOptions = false, usageHelpAutoWidth = true,
        description = {"One feature vector per image of a labelled data set.", "Extracts one feature vector per image of a labelled data set (in parallel, in the data set's order,"
                + " streaming to disk) into one file for a classifier.",
                "",
                "Formats: npz (default; numpy.load gives X float32 [n, d], y int32 [n], classes), npy (X alone),"
                + " svmlight (LIBSVM/LIBLINEAR/sklearn.datasets.load_svmlight_file; labels are class indices, features"
                + " numbered from 1), csv (header label,f0,f1,...).",
                "",
                "Example: convkit features --type hog --cell 4 --block 2 --data /usr/share/datasets/fashion-mnist --split test -o hog-test.npz"},
        footer = {"", "HOG is scikit-image's hog; GIST is LMgist's (see 'convkit help hog' and 'convkit help gist')."})
public final class FeaturesCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private DataSetOptions data;

    @Mixin
    private FeatureOptions features;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The output file.")
    private Path output;

    @Option(names = {"-f", "--format"}, paramLabel = "npz|npy|svmlight|csv",
            description = "Output format (default: from OUT's extension, else npz).")
    private String format;

    @Option(names = "--overwrite", description = "Replace OUT if it exists (never a file inside the --data folder).")
    private boolean overwrite;

    @Override
    public Integer call() throws IOException {
        FeatureFormat fmt;
        try {
            fmt = format != null ? FeatureFormat.parse(format)
                    : java.util.Objects.requireNonNullElse(FeatureFormat.fromFileName(output.getFileName().toString()), FeatureFormat.NPZ);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        FeatureOptions.SampleFeatures extractor = features.build();
        if (Files.isDirectory(output)) {
            throw new ParameterException(spec.commandLine(), "-o " + output + " is a folder; it takes a file name");
        }
        if (Files.exists(output, LinkOption.NOFOLLOW_LINKS) && InputSet.isWithin(output, data.path())) {
            throw new ParameterException(spec.commandLine(), "-o " + output + " is inside the data set's folder --data " + data.path()
                    + "; convkit never replaces a file there, whatever --overwrite says (write elsewhere, or remove it first)");
        }
        if (!overwrite && Files.exists(output)) {
            throw new CommandFailure(output + ": exists; --overwrite replaces it");
        }
        var err = common.streams().err();
        long t0 = System.nanoTime();
        int n;
        int dim;
        int classes;
        long failures;
        try (DataSet ds = data.open();
             RowSpool spool = new RowSpool(output);
             Progress progress = Progress.forFiles("features", common.quiet(), err)) {
            Reporter reporter = new Reporter(progress, common.verbose(), err);
            reporter.note("reading " + ds.description());
            progress.addTotal(ds.size());
            n = Extraction.run(ds, extractor, common.jobs(), spool, reporter);
            double seconds = (System.nanoTime() - t0) / 1e9;
            reporter.note(String.format(java.util.Locale.ROOT, "extracted %d images in %.3f s (%.0f images/s, %d workers)",
                    n, seconds, n / seconds, common.jobs()));
            if (n == 0) {
                throw new CommandFailure("no image could be read from " + data.path() + "; nothing written");
            }
            AtomicOutput.write(output, overwrite, out -> fmt.write(spool, ds.classes(), out));
            dim = spool.dim();
            classes = ds.classes().size();
            failures = reporter.failures();
        }
        if (!common.quiet()) {
            err.printf(java.util.Locale.ROOT, "convkit: wrote %s: %d x %d %s features, %d classes (%s) in %.1f s%n",
                    output, n, dim, features.type(), classes, fmt.extension(), (System.nanoTime() - t0) / 1e9);
        }
        return failures > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
