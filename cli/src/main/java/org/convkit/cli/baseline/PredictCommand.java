package org.convkit.cli.baseline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.batch.Reporter;
import org.convkit.cli.files.InputFile;
import org.convkit.cli.files.InputWalker;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.ImageDecoder;
import org.convkit.cli.progress.Progress;
import org.convkit.filters.parallel.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code convkit baseline predict}: the class of each image. */
@Command(name = "predict", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Classify images with a baseline model.", "Classifies images with a baseline model: one line 'PATH<TAB>CLASS<TAB>SCORE' per image (K lines,"
                + " best first, with --top K), in the order given. The score is the SVM's margin for that class.",
                "",
                "A colour image given to a gray model (or the reverse) is converted, with a warning. pixels and hog models"
                + " take images of their training size only (their vectors are laid out on the image grid); gist and"
                + " dense SIFT models take any size (dense SIFT with a warning).",
                "",
                "Example: convkit baseline predict --model hog.cvb shirt.png boot.png"})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "A model from 'convkit baseline train'.")
    private Path modelFile;

    @Option(names = "--top", paramLabel = "K", defaultValue = "1", description = "Lines per image: the K best classes (default: ${DEFAULT-VALUE}).")
    private int top;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files, or folders of them.")
    private List<String> inputs;

    @Override
    public Integer call() throws IOException {
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1, got " + top);
        }
        BaselineModel model = BaselineCommand.load(modelFile);
        PrintStream err = common.streams().err();
        PrintStream out = common.streams().out();
        List<InputFile> files = new ArrayList<>();
        try (Progress progress = Progress.silent(err)) {
            Reporter reporter = new Reporter(progress, common.verbose(), err);
            new InputWalker(inputs, false, null, common.streams().in(), p -> false).walk(files::add, reporter::failed);
            String[] lines = new String[files.size()];
            String[] warnings = new String[files.size()];
            Throwable[] errors = new Throwable[files.size()];
            Parallel.setThreads(common.jobs());
            Parallel.forRange(files.size(), 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    try {
                        InputFile f = files.get(i);
                        DecodedImage img = f.isStdin() ? ImageDecoder.read(common.streams().in()) : ImageDecoder.read(f.path());
                        ImageAdapter.Adapted a = ImageAdapter.adapt(img, model.input(), model.features().feature());
                        warnings[i] = a.warning();
                        lines[i] = format(f.display(), model.scores(a.image()), model.classes());
                    } catch (Exception | OutOfMemoryError e) {
                        errors[i] = e;
                    }
                }
            });
            for (int i = 0; i < files.size(); i++) {
                if (warnings[i] != null && !common.quiet()) {
                    err.println("convkit: warning: " + files.get(i).display() + ": " + warnings[i]);
                }
                if (errors[i] != null) {
                    reporter.failed(files.get(i).display(), errors[i]);
                } else {
                    out.print(lines[i]);
                }
            }
            out.flush();
            return reporter.failures() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    /** The top lines of one image: classes by score, best first (the first of equal scores first). */
    private String format(String path, float[] scores, List<String> classes) {
        Integer[] order = new Integer[scores.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < Math.min(top, order.length); k++) {
            int c = order[k];
            if (scores[c] == Float.NEGATIVE_INFINITY) {
                break; // a class the training set lacked
            }
            b.append(path).append('\t').append(classes.get(c)).append('\t')
                    .append(String.format(Locale.ROOT, "%.4f", scores[c])).append(System.lineSeparator());
        }
        return b.toString();
    }
}
