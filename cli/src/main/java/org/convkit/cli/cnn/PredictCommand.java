package org.convkit.cli.cnn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.batch.Reporter;
import org.convkit.io.data.DataSet;
import org.convkit.io.data.DataSetException;
import org.convkit.io.data.DataSets;
import org.convkit.io.data.Split;
import org.convkit.cli.files.InputFile;
import org.convkit.cli.files.InputWalker;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.ImageDecoder;
import org.convkit.cli.progress.Progress;
import org.convkit.cnn.nn.WarmUp;
import org.convkit.cnn.train.Normalisation;
import org.convkit.filters.parallel.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convkit cnn predict}: the most likely classes of each image, with their probabilities. */
@Command(name = "predict", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Classify images with a network.", "Classifies images with a network: 'PATH<TAB>CLASS<TAB>PROBABILITY' per image (K lines, best first,"
                + " with --top K), in the order given; --format csv (with a header) or json (one array; --logits adds the raw"
                + " scores). Images of another size or channel count than the model's input are converted and resized,"
                + " with a warning.",
                "",
                "Examples:",
                "  convkit cnn predict --model lenet5.safetensors shirt.png boot.png",
                "  convkit cnn predict --model lenet5.safetensors --data testdata/fashion-mnist-sample --split test --limit 5 --top 3"})
public final class PredictCommand implements Callable<Integer> {
    /** Made on the first JSON output, not when picocli builds the command for a help or another run. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "A model from 'convkit cnn train'.")
    private Path modelFile;

    @Option(names = "--data", paramLabel = "PATH", description = "Classify a data set (as 'cnn eval --data') instead of image files.")
    private Path dataPath;

    @Option(names = "--split", paramLabel = "train|test", defaultValue = "test", description = "With --data: which split (default: ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--limit", paramLabel = "N", description = "With --data: only the first N images.")
    private Integer limit;

    @Option(names = "--top", paramLabel = "K", defaultValue = "1", description = "The K most likely classes per image (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--format", paramLabel = "tsv|csv|json", defaultValue = "tsv", description = "Output format (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--logits", description = "json: add each image's logits (the network's raw outputs).")
    private boolean withLogits;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the network (default: -j, all cores).")
    private Integer threads;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Image files, or folders of them.")
    private List<String> inputs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        String fmt = format.trim().toLowerCase(Locale.ROOT);
        if (!List.of("tsv", "csv", "json").contains(fmt)) {
            throw new ParameterException(spec.commandLine(), "--format takes tsv, csv or json, got '" + format + "'");
        }
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1, got " + top);
        }
        if ((dataPath == null) == inputs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give image files or --data PATH (one of them)");
        }
        CnnModel model = CnnCommand.load(modelFile);
        Parallel.setThreads(threads != null ? Math.max(1, threads) : common.jobs());
        PrintStream err = common.streams().err();
        List<String> names = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        Scorer scorer = new Scorer(model);
        try (Progress progress = Progress.silent(err)) {
            Reporter reporter = new Reporter(progress, common.verbose(), err);
            if (dataPath != null) {
                // a data set is worth compiling the kernels for while it is read (see WarmUp)
                try (WarmUp warm = WarmUp.start(model.network(), scorer.batch, false)) {
                    readDataSet(model, names, scorer, truth, reporter);
                }
            } else {
                readFiles(model, names, scorer, reporter);
            }
            print(model, names, truth, scorer.logits(), fmt);
            return reporter.failures() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    /**
     * Scores inputs a batch at a time, so that only one batch of inputs at the model's size is held however
     * many images there are and however large the model's input.
     */
    private static final class Scorer {
        final CnnModel model;
        final int batch;
        private final List<float[]> pending = new ArrayList<>();
        private final List<float[]> logits = new ArrayList<>();

        Scorer(CnnModel model) {
            this.model = model;
            this.batch = Inference.batch(model.network());
        }

        void add(float[] pixels) {
            pending.add(pixels);
            if (pending.size() == batch) {
                flush();
            }
        }

        private void flush() {
            logits.addAll(List.of(Inference.logits(model.network(), pending.size(), pending::get)));
            pending.clear();
        }

        float[][] logits() {
            flush();
            return logits.toArray(float[][]::new);
        }
    }

    private void readFiles(CnnModel model, List<String> names, Scorer scorer, Reporter reporter) throws IOException {
        List<InputFile> files = new ArrayList<>();
        new InputWalker(inputs, false, null, common.streams().in(), p -> false).walk(files::add, reporter::failed);
        for (int start = 0; start < files.size(); start += scorer.batch) {
            List<InputFile> chunk = files.subList(start, Math.min(files.size(), start + scorer.batch));
            float[][] x = new float[chunk.size()][];
            String[] warnings = new String[chunk.size()];
            Throwable[] errors = new Throwable[chunk.size()];
            Parallel.forRange(chunk.size(), 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    try {
                        InputFile f = chunk.get(i);
                        DecodedImage img = f.isStdin() ? ImageDecoder.read(common.streams().in()) : ImageDecoder.read(f.path());
                        InputAdapter.Adapted a = InputAdapter.adapt(img, model.inputShape());
                        new Normalisation(model.mean(), model.std()).apply(a.pixels(), 0, model.inputShape());
                        x[i] = a.pixels();
                        warnings[i] = a.warning();
                    } catch (Exception | OutOfMemoryError e) {
                        errors[i] = e;
                    }
                }
            });
            for (int i = 0; i < chunk.size(); i++) {
                if (warnings[i] != null && !common.quiet()) {
                    common.streams().err().println("convkit: warning: " + chunk.get(i).display() + ": " + warnings[i]
                            + " (the model takes " + org.convkit.cnn.tensor.Tensor.shapeString(model.inputShape()) + ")");
                }
                if (errors[i] != null) {
                    reporter.failed(chunk.get(i).display(), errors[i]);
                } else {
                    names.add(chunk.get(i).display());
                    scorer.add(x[i]);
                }
            }
        }
    }

    private void readDataSet(CnnModel model, List<String> names, Scorer scorer, List<Integer> truth, Reporter reporter)
            throws IOException {
        Split sp = switch (split.trim().toLowerCase(Locale.ROOT)) {
            case "train" -> Split.TRAIN;
            case "test", "t10k" -> Split.TEST;
            default -> throw new ParameterException(spec.commandLine(), "--split takes train or test, got '" + split + "'");
        };
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit takes a positive count");
        }
        DataSet opened;
        try {
            opened = DataSets.open(dataPath, sp);
        } catch (DataSetException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        try (DataSet ds = limit == null ? opened : DataSets.first(opened, limit)) {
            int[] got = ds.size() == 0 ? model.inputShape() : Images.firstShape(ds);
            if (!java.util.Arrays.equals(got, model.inputShape()) && !common.quiet()) {
                common.streams().err().println("convkit: warning: " + dataPath + ": " + org.convkit.cnn.tensor.Tensor.shapeString(got)
                        + " images converted to the model's " + org.convkit.cnn.tensor.Tensor.shapeString(model.inputShape()));
            }
            for (int i = 0; i < ds.size(); i++) {
                try {
                    InputAdapter.Adapted a = InputAdapter.adapt(ds.get(i).image(), model.inputShape());
                    new Normalisation(model.mean(), model.std()).apply(a.pixels(), 0, model.inputShape());
                    names.add(ds.name(i));
                    truth.add(ds.label(i));
                    scorer.add(a.pixels());
                } catch (IOException | RuntimeException e) {
                    reporter.failed(ds.name(i), e);
                }
            }
        }
    }

    private void print(CnnModel model, List<String> names, List<Integer> truth, float[][] logits, String fmt) throws IOException {
        PrintStream out = common.streams().out();
        List<String> classes = model.classes();
        int k = Math.min(top, classes.size());
        if (fmt.equals("json")) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (int i = 0; i < names.size(); i++) {
                float[] p = Inference.softmax(logits[i]);
                ObjectNode o = arr.addObject();
                o.put("path", names.get(i));
                if (!truth.isEmpty()) {
                    o.put("label", classes.get(truth.get(i)));
                }
                ArrayNode t = o.putArray("top");
                for (int c : order(p, k)) {
                    t.addObject().put("class", classes.get(c)).put("index", c).put("probability", p[c]);
                }
                if (withLogits) {
                    ArrayNode l = o.putArray("logits");
                    for (float v : logits[i]) {
                        l.add(v);
                    }
                }
            }
            out.println(Json.MAPPER.writeValueAsString(arr));
        } else {
            char sep = fmt.equals("csv") ? ',' : '\t';
            if (fmt.equals("csv")) {
                out.println("path,class,probability");
            }
            for (int i = 0; i < names.size(); i++) {
                float[] p = Inference.softmax(logits[i]);
                for (int c : order(p, k)) {
                    out.print(cell(names.get(i), sep) + sep + cell(classes.get(c), sep) + sep
                            + String.format(Locale.ROOT, "%.4f", p[c]) + System.lineSeparator());
                }
            }
        }
        out.flush();
    }

    /** RFC 4180 quoting for CSV cells holding a comma, quote or line break; TSV cells as they are. */
    private static String cell(String s, char sep) {
        if (sep == ',' && (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0)) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** The indices of the k largest values, largest first (the first of equal ones first). */
    private static int[] order(float[] p, int k) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(p[b], p[a]));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
