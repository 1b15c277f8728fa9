package org.convkit.cli.cnn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.batch.Reporter;
import org.convkit.io.data.DataSet;
import org.convkit.cli.data.DataSetOptions;
import org.convkit.cli.data.TestSplitByDefault;
import org.convkit.cli.progress.Progress;
import org.convkit.cli.report.ClassificationReport;
import org.convkit.cnn.nn.WarmUp;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.cnn.train.Normalisation;
import org.convkit.cnn.train.Samples;
import org.convkit.filters.parallel.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convkit cnn eval}: accuracy, top-5, per-class precision and recall, confusion matrix on a labelled set. */
@Command(name = "eval", sortOptions = false, usageHelpAutoWidth = true, defaultValueProvider = TestSplitByDefault.class,
        description = {"Accuracy of a network on a labelled data set.", "Evaluates a network on a labelled data set (the test split by default). Prints 'accuracy: 0.xxxx'"
                + " first, then top-5 accuracy, per-class precision and recall, and the confusion matrix (rows: true class);"
                + " --json prints one JSON object instead; --confusion draws the matrix as a PNG heat map.",
                "",
                "Example: convkit cnn eval --model lenet5.safetensors --data /usr/share/datasets/fashion-mnist --split test"})
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "A model from 'convkit cnn train'.")
    private Path modelFile;

    @Mixin
    private DataSetOptions data;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "Also report top-K accuracy (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--json", description = "One JSON object: accuracy, samples, top_k, classes, per_class, confusion, model and data.")
    private boolean json;

    @Option(names = "--confusion", paramLabel = "FILE.png", description = "Draw the confusion matrix as a heat map.")
    private Path confusion;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the network (default: -j, all cores).")
    private Integer threads;

    @Override
    public Integer call() throws IOException {
        CnnModel model = CnnCommand.load(modelFile);
        PrintStream err = common.streams().err();
        Parallel.setThreads(threads != null ? Math.max(1, threads) : common.jobs());
        long t0 = System.nanoTime();
        Images set;
        long failures;
        String description;
        // the JIT compiles the network's kernels on a twin while the images are read
        try (WarmUp warm = WarmUp.start(model.network(), Inference.batch(model.network()), false); DataSet ds = data.open();
             Progress bar = Progress.forFiles("reading", common.quiet(), err)) {
            description = ds.description();
            checkFits(model, ds);
            Reporter reporter = new Reporter(bar, common.verbose(), err);
            bar.addTotal(ds.size());
            set = Images.read(ds, model.inputShape(), reporter);
            failures = reporter.failures();
        }
        if (set.size() == 0) {
            throw new CommandFailure("no image could be read from " + data.path());
        }
        Samples samples = set.samples();
        samples.normalise(new Normalisation(model.mean(), model.std()));
        int size = samples.sampleSize();
        long n0 = System.nanoTime();
        float[][] logits = Inference.logits(model.network(), set.size(), i -> Arrays.copyOfRange(samples.x, i * size, (i + 1) * size));
        double networkSeconds = (System.nanoTime() - n0) / 1e9;
        double seconds = (System.nanoTime() - t0) / 1e9;
        ClassificationReport report = ClassificationReport.fromScores(model.classes(), samples.labels, logits);
        PrintStream out = common.streams().out();
        if (json) {
            ObjectNode o = report.toJson(top);
            o.put("model", modelFile.toString());
            o.put("arch", model.network().arch());
            o.put("data", description);
            o.put("split", data.split().toString());
            o.put("failures", failures);
            o.put("seconds", seconds);
            out.println(ClassificationReport.render(o));
        } else {
            out.print(report.toText(top));
        }
        out.flush();
        if (confusion != null) {
            Charts.confusion(confusion, model.classes(), report.confusion(),
                    String.format(Locale.ROOT, "%s: accuracy %.4f", modelFile.getFileName(), report.accuracy()));
        }
        if (!common.quiet()) {
            err.printf(Locale.ROOT, "convkit: evaluated %s on %d images of %s in %.1f s (the network: %.0f images/s)%n", modelFile,
                    report.samples(), description, seconds, report.samples() / networkSeconds);
        }
        return failures > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** The data set's classes and image shape must be the model's: one line saying what differs. */
    private void checkFits(CnnModel model, DataSet ds) {
        if (ds.size() == 0) {
            throw new CommandFailure(data.path() + ": no images");
        }
        if (ds.classes().size() != model.classes().size()) {
            throw new CommandFailure(data.path() + ": " + ds.classes().size() + " classes, but " + modelFile + " has "
                    + model.classes().size() + " (" + String.join(", ", model.classes()) + ")");
        }
        int[] got = Images.firstShape(ds);
        if (!Arrays.equals(got, model.inputShape())) {
            throw new CommandFailure(data.path() + ": " + Tensor.shapeString(got) + " images, but " + modelFile + " takes "
                    + Tensor.shapeString(model.inputShape()) + " (CxHxW)");
        }
        if (!ds.classes().equals(model.classes()) && !common.quiet()) {
            common.streams().err().println("convkit: warning: " + data.path() + " names its classes " + ds.classes()
                    + ", the model " + model.classes() + "; matched by position");
        }
    }
}
