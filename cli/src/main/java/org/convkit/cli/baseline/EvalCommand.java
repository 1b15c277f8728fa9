package org.convkit.cli.baseline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.batch.Reporter;
import org.convkit.io.data.DataSet;
import org.convkit.cli.data.DataSetOptions;
import org.convkit.cli.data.TestSplitByDefault;
import org.convkit.cli.features.Extraction;
import org.convkit.cli.progress.Progress;
import org.convkit.cli.report.ClassificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convkit baseline eval}: accuracy, per-class precision and recall, confusion matrix on a labelled set. */
@Command(name = "eval", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true, defaultValueProvider = TestSplitByDefault.class,
        description = {"Accuracy of a baseline model on a labelled data set.", "Evaluates a baseline model on a labelled data set. Prints 'accuracy: 0.xxxx' first, then top-k"
                + " accuracy, per-class precision and recall, and the confusion matrix (rows: true class); --json prints"
                + " one JSON object instead.",
                "",
                "Example: convkit baseline eval --model hog.cvb --data /usr/share/datasets/fashion-mnist --split test"})
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "A model from 'convkit baseline train'.")
    private Path modelFile;

    @Mixin
    private DataSetOptions data;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "Also report top-K accuracy (true class among the K best scores), when K is below the class count (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--json", description = "One JSON object: accuracy, samples, top_k, classes, per_class, confusion, and model/data details.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        BaselineModel model = BaselineCommand.load(modelFile);
        var err = common.streams().err();
        long t0 = System.nanoTime();
        MemoryRows vectors = new MemoryRows();
        long failures;
        String description;
        try (DataSet ds = data.open()) {
            description = ds.description();
            checkFits(model, ds);
            try (Progress bar = Progress.forFiles("eval", common.quiet(), err)) {
                Reporter reporter = new Reporter(bar, common.verbose(), err);
                bar.addTotal(ds.size());
                // feature vectors per image in parallel, then scored together (kernel landmarks: one matrix product)
                Extraction.run(ds, img -> model.features().vector(TrainCommand.checked(img, model.input())), common.jobs(),
                        vectors, reporter);
                failures = reporter.failures();
            }
        }
        if (vectors.size() == 0) {
            throw new CommandFailure("no image could be read from " + data.path());
        }
        float[][] scores = model.scoresOfVectors(vectors.rows());
        double seconds = (System.nanoTime() - t0) / 1e9;
        ClassificationReport report = ClassificationReport.fromScores(model.classes(), vectors.labels(), scores);
        var out = common.streams().out();
        if (json) {
            ObjectNode o = report.toJson(top);
            o.put("model", modelFile.toString());
            o.put("features", model.features().feature().label());
            o.put("data", description);
            o.put("split", data.split().toString());
            o.put("failures", failures);
            o.put("seconds", seconds);
            out.println(ClassificationReport.render(o));
        } else {
            out.print(report.toText(top));
        }
        out.flush();
        if (!common.quiet()) {
            err.printf(Locale.ROOT, "convkit: evaluated %s on %d images of %s in %.1f s%n", modelFile, report.samples(), description, seconds);
        }
        return failures > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** The data set's classes and image shape must be the model's: one line saying what differs. */
    private void checkFits(BaselineModel model, DataSet ds) throws IOException {
        if (ds.classes().size() > model.classes().size()) {
            throw new CommandFailure(data.path() + ": " + ds.classes().size() + " classes, but the model knows "
                    + model.classes().size() + " (" + String.join(", ", model.classes()) + ")");
        }
        if (ds.size() == 0) {
            throw new CommandFailure(data.path() + ": no images");
        }
        InputShape got;
        try {
            got = InputShape.of(ds.get(0).image());
        } catch (IOException e) {
            return; // reported with the other unreadable images
        }
        if (!got.equals(model.input())) {
            throw new CommandFailure(data.path() + ": " + got + " images, but " + modelFile + " was trained on " + model.input()
                    + " images");
        }
    }
}
