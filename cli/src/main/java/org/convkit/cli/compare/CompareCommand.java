package org.convkit.cli.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.batch.Reporter;
import org.convkit.cli.cnn.Charts;
import org.convkit.io.data.DataSet;
import org.convkit.io.data.DataSetException;
import org.convkit.io.data.DataSets;
import org.convkit.io.data.Split;
import org.convkit.io.AtomicOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code convkit compare}: shallow and deep pipelines trained and tested on one split, in one table and two charts. */
@Command(name = "compare", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Shallow against deep on your data: one table, one chart.", "Trains and tests shallow pipelines (pixels, hog, hog-chi2, gist, dsift-bovw, dsift-fv, each with a linear SVM)"
                + " and networks (lenet5, vgg-small, resnet-small) on the same training and test images, by running"
                + " 'convkit baseline train|eval' and 'convkit cnn train|eval', and prints one table: pipeline, kind, feature dimension or"
                + " parameter count, training time, inference images/s, top-1 accuracy, and the published figure where one"
                + " is known (Fashion-MNIST). The table goes to standard output, one progress line per pipeline to standard error.",
                "",
                "REPORT_DIR receives results.md/.csv/.json, accuracy.png/.svg (bars), accuracy-vs-time.png/.svg (scatter),"
                + " confusion/PIPELINE.png, the models under models/, and runs/PIPELINE.json for --resume.",
                "",
                "Examples:",
                "  convkit compare --data testdata/fashion-mnist-sample --quick -o quick",
                "  convkit compare --data DIR --pipelines hog,lenet5,vgg-small -o full",
                "  convkit compare --data DIR -o full --resume     # after an interruption",
                "(DIR: for example /usr/share/datasets/fashion-mnist)"})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "The labelled images (as 'convkit baseline train --data'); the pipelines train on its training split.")
    private Path data;

    @Option(names = "--test-data", paramLabel = "PATH", description = "Test on the test split of PATH (default: the test split of --data).")
    private Path testData;

    @Option(names = "--pipelines", paramLabel = "LIST", defaultValue = "default",
            description = "Comma-separated: pixels, hog, hog-chi2, gist, dsift-bovw, dsift-fv, lenet5, vgg-small, resnet-small; or"
                    + " the groups shallow, deep, all, default (default: ${DEFAULT-VALUE} = all but hog-chi2 and resnet-small).")
    private String pipelines;

    @Option(names = "--quick", description = "A stratified sample of 2,000 training and 1,000 test images, 3-5 epochs per network with Adam(W),"
            + " lighter GIST and dense SIFT settings: the default pipelines in about two minutes on two cores.")
    private boolean quick;

    @Option(names = "--train-sample", paramLabel = "N", description = "Train on a stratified sample of N images (default: all; 2000 with --quick).")
    private Integer trainSample;

    @Option(names = "--test-sample", paramLabel = "N", description = "Test on a stratified sample of N images (default: all; 1000 with --quick).")
    private Integer testSample;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs of every network (default: lenet5 10, vgg-small 10, resnet-small 30; with --quick 5, 3, 3).")
    private Integer epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the samples and of the networks (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "REPORT_DIR", defaultValue = "compare-report",
            description = "The report folder (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Option(names = "--format", paramLabel = "md|csv|json", defaultValue = "md",
            description = "The table on standard output: Markdown, CSV or JSON (all three are written to REPORT_DIR) (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--resume", description = "Read the pipelines finished by an earlier run into REPORT_DIR back instead of training them again"
            + " (only those run with the same data and budget).")
    private boolean resume;

    @Option(names = "--overwrite", description = "Start again in a REPORT_DIR that holds an earlier comparison.")
    private boolean overwrite;

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        List<Pipeline> chosen;
        Budget budget;
        String fmt = format.trim().toLowerCase(Locale.ROOT);
        try {
            chosen = Pipeline.parseList(pipelines);
            budget = budget();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!List.of("md", "markdown", "csv", "json").contains(fmt)) {
            throw new ParameterException(spec.commandLine(), "--format takes md, csv or json, got '" + format + "'");
        }
        Path test = testData != null ? testData : data;
        Sets sets = checkData(test);
        ReportDir report = new ReportDir(output);
        report.prepare(resume, overwrite);

        PrintStream err = common.streams().err();
        PipelineRunner runner = new PipelineRunner(common.streams(), common.verbose(), common.jobs(), data, test, seed);
        List<PipelineResult> rows = new ArrayList<>();
        int failed = 0, reused = 0;
        for (int i = 0; i < chosen.size(); i++) {
            Pipeline p = chosen.get(i);
            String step = String.format(Locale.ROOT, "convkit compare: [%d/%d] %s", i + 1, chosen.size(), p.label);
            Optional<PipelineResult> earlier = resume ? report.finished(p).filter(r -> sameRun(r, p, budget, test)) : Optional.empty();
            PipelineResult r;
            if (earlier.isPresent()) {
                r = earlier.get();
                reused++;
                say(String.format(Locale.ROOT, "%s: read back from %s: accuracy %.4f", step, report.run(p), r.accuracy()));
            } else {
                say(String.format(Locale.ROOT, "%s: %s, training on %,d images...", step, p.description, sets.trainImages(budget)));
                try {
                    r = runner.run(p, budget, report.model(p), ReportDir.modelName(p));
                } catch (CommandFailure e) {
                    err.println("convkit compare: " + e.getMessage());
                    failed++;
                    continue;
                }
                report.save(r);
                say(String.format(Locale.ROOT, "%s: accuracy %.4f, trained in %.1f s, %,.0f test images/s", step, r.accuracy(),
                        r.trainSeconds(), r.imagesPerSecond()));
            }
            Charts.confusion(report.confusion(p), r.classes(), r.confusion(),
                    String.format(Locale.ROOT, "%s: accuracy %.4f", p.label, r.accuracy()));
            rows.add(r);
        }
        if (rows.isEmpty()) {
            throw new CommandFailure("no pipeline finished; nothing written");
        }
        ResultsTable table = new ResultsTable(rows, sets.setting(budget));
        for (String ext : List.of("md", "csv", "json")) {
            byte[] bytes = table.render(ext).getBytes(StandardCharsets.UTF_8);
            AtomicOutput.write(report.results(ext), true, out -> out.write(bytes));
        }
        String title = "convkit compare on " + sets.name();
        ComparisonCharts.save(ComparisonCharts.accuracy(rows, title), report.chart("accuracy"));
        ComparisonCharts.save(ComparisonCharts.accuracyVsTime(rows, title), report.chart("accuracy-vs-time"));

        PrintStream out = common.streams().out();
        out.print(table.render(fmt.equals("markdown") ? "md" : fmt));
        out.flush();
        say(String.format(Locale.ROOT, "convkit compare: %d pipeline%s in %.1f s%s%s; report in %s (chart: %s)", rows.size(),
                rows.size() == 1 ? "" : "s", (System.nanoTime() - t0) / 1e9, reused > 0 ? ", " + reused + " read back" : "",
                failed > 0 ? ", " + failed + " failed" : "", output, report.chart("accuracy.png")));
        return failed > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private void say(String line) {
        if (!common.quiet()) {
            common.streams().err().println(line);
        }
    }

    /** A kept run counts only if made from the same data, test data and budget. */
    private boolean sameRun(PipelineResult r, Pipeline p, Budget budget, Path test) {
        return r.data().equals(PipelineRunner.absolute(data)) && r.testData().equals(PipelineRunner.absolute(test))
                && r.fingerprint().equals(budget.fingerprint(p, seed));
    }

    private Budget budget() {
        Budget b = quick ? Budget.quick() : Budget.full();
        if (trainSample != null) {
            b = b.withTrainSample(positive("--train-sample", trainSample));
        }
        if (testSample != null) {
            b = b.withTestSample(positive("--test-sample", testSample));
        }
        if (epochs != null) {
            b = b.withEpochs(positive("--epochs", epochs));
        }
        return b;
    }

    private static int positive(String option, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(option + " takes a positive count, got " + v);
        }
        return v;
    }

    /** What the data sets hold, for the messages and the table's caption. */
    private record Sets(String name, int train, int test, List<String> classes) {
        int trainImages(Budget b) { return b.trainSample() == null ? train : Math.min(train, b.trainSample()); }

        int testImages(Budget b) { return b.testSample() == null ? test : Math.min(test, b.testSample()); }

        String setting(Budget b) {
            return String.format(Locale.ROOT, "%s, %d classes: trained on %s training images, tested on %s test images (%s budget).",
                    name, classes.size(), count(trainImages(b), train), count(testImages(b), test), b.name());
        }

        private static String count(int used, int of) {
            return used == of ? String.format(Locale.ROOT, "all %,d", of)
                    : String.format(Locale.ROOT, "a stratified sample of %,d of the %,d", used, of);
        }
    }

    /** Opens both splits once, so that a wrong path or a set without a test split is one line before any training. */
    private Sets checkData(Path test) {
        try (DataSet train = DataSets.open(data, Split.TRAIN); DataSet t = DataSets.open(test, Split.TEST)) {
            if (testData == null && train.description().equals(t.description())) {
                throw new CommandFailure(data + ": has no separate test split (train/ and test/, or t10k-* files); give --test-data");
            }
            if (train.size() == 0 || t.size() == 0) {
                throw new CommandFailure((train.size() == 0 ? data : test) + ": no images");
            }
            if (train.classes().size() != t.classes().size()) {
                throw new CommandFailure(test + ": " + t.classes().size() + " classes, but " + data + " has " + train.classes().size());
            }
            return new Sets(data.getFileName() == null ? data.toString() : data.getFileName().toString(), train.size(), t.size(),
                    train.classes());
        } catch (DataSetException e) {
            throw new CommandFailure(e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandFailure(data + ": " + Reporter.reason(e), e);
        }
    }
}
