package org.convkit.cli.cnn;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.batch.Reporter;
import org.convkit.cli.data.DataSet;
import org.convkit.cli.data.DataSetOptions;
import org.convkit.cli.data.DataSets;
import org.convkit.cli.data.Split;
import org.convkit.cli.files.AtomicOutput;
import org.convkit.cli.progress.Progress;
import org.convkit.cnn.layers.Init;
import org.convkit.cnn.nn.Network;
import org.convkit.cnn.nn.StepResult;
import org.convkit.cnn.nn.WarmUp;
import org.convkit.cnn.optim.Adam;
import org.convkit.cnn.optim.LrSchedule;
import org.convkit.cnn.optim.Optimizer;
import org.convkit.cnn.optim.Sgd;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.filters.parallel.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code convkit cnn train}: trains a network on a labelled data set and saves it as one safetensors file. */
@Command(name = "train", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Train a network on a labelled data set.", "Trains a convolutional network with softmax cross-entropy. Inputs are scaled to [0, 1] and"
                + " normalised per channel with the training set's mean and standard deviation, which are stored in the"
                + " model. Each epoch shuffles the training set; a line per epoch (training loss and accuracy, validation"
                + " accuracy, learning rate, time) goes to standard error, with a live bar on a terminal.",
                "",
                "The same --seed, options and --threads give a bit-identical model file; --resume continues a killed run"
                + " from its last checkpoint to the same result as an uninterrupted one.",
                "",
                "Examples:",
                "  convkit cnn train --arch lenet5 --data /usr/share/datasets/fashion-mnist --epochs 5 -o lenet5.safetensors",
                "  convkit cnn train --arch vgg-small --data testdata/fashion-mnist-sample --val 0.1 --epochs 3 --optimizer adamw --lr 2e-3 -o vgg.safetensors",
                "  convkit cnn train --arch \"conv(16,3,pad=1) bn relu maxpool(2) flatten fc(10)\" --data DIR -o tiny.safetensors"})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = "--arch", required = true, paramLabel = "A",
            description = "lenet5, vgg-small, resnet-small, or a spec such as \"conv(32,3,pad=1) bn relu maxpool(2) flatten fc(10)\""
                    + " (see 'convkit cnn summary'); a file holding a spec with @FILE.")
    private String arch;

    @Mixin
    private DataSetOptions data;

    @Option(names = "--val-data", paramLabel = "PATH", description = "Validate each epoch on the test split of PATH (a data set as --data).")
    private Path valData;

    @Option(names = "--val", paramLabel = "FRACTION", defaultValue = "0",
            description = "Hold out this share of the training set (drawn with --seed) for validation (default: none).")
    private double valFraction;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Images per step (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--optimizer", paramLabel = "sgd|adam|adamw", defaultValue = "sgd",
            description = "SGD with momentum, Adam or AdamW, as torch.optim's (default: ${DEFAULT-VALUE}).")
    private String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate, the peak for onecycle (default: 0.05 for sgd, 0.001 for adam and adamw).")
    private Double lr;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    private double momentum;

    @Option(names = "--nesterov", description = "Nesterov momentum for SGD.")
    private boolean nesterov;

    @Option(names = "--weight-decay", paramLabel = "WD",
            description = "L2 penalty (sgd, adam) or decoupled decay (adamw) (default: 5e-4 for sgd, 0 for adam, 0.01 for adamw).")
    private Double weightDecay;

    @Option(names = "--schedule", paramLabel = "none|step|cosine|onecycle", defaultValue = "cosine",
            description = "Learning rate per step: constant; step (x0.1 after each third of the epochs); cosine annealing to 0;"
                    + " one-cycle (PyTorch's OneCycleLR defaults) (default: ${DEFAULT-VALUE}).")
    private String schedule;

    @Option(names = "--label-smoothing", paramLabel = "EPS", defaultValue = "0", description = "Label smoothing of the loss (default: ${DEFAULT-VALUE}).")
    private float labelSmoothing;

    @Option(names = "--augment", paramLabel = "flip,crop,translate", defaultValue = "none",
            description = "Random training-time augmentation: flip (left-right), crop (pad by 1/8 and crop back), translate (up to 1/10) (default: ${DEFAULT-VALUE}).")
    private String augment;

    @Option(names = "--init", paramLabel = "he|torch|xavier", defaultValue = "he",
            description = "Initial weights of conv and fc layers: he (normal, variance 2/fan-in, biases 0); torch (PyTorch's"
                    + " default: weights and biases uniform in +-1/sqrt(fan-in)); xavier (Glorot uniform, biases 0) (default: ${DEFAULT-VALUE}).")
    private String init;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the network (default: -j, all cores). Bit-identical repeats need the same count.")
    private Integer threads;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL", description = "The model file to write (.safetensors).")
    private Path output;

    @Option(names = "--overwrite", description = "Replace MODEL, --log and --plot files if they exist; without --resume, also delete"
            + " the checkpoints an earlier run left in --checkpoint-dir.")
    private boolean overwrite;

    @Option(names = "--log", paramLabel = "FILE.csv", description = "Write a CSV line per epoch (rewritten after each epoch).")
    private Path log;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the training curves (loss, accuracies per epoch) as a PNG.")
    private Path plot;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "After each epoch write DIR/epoch-NNN.safetensors (the model) and DIR/epoch-NNN.state.safetensors"
                    + " (optimizer state, epoch, step count, settings).")
    private Path checkpointDir;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --checkpoint-dir that loads (same settings required;"
            + " damaged ones are skipped with a line saying why); it may replace the outputs of the run it continues.")
    private boolean resume;

    @Option(names = "--early-stop", paramLabel = "PATIENCE",
            description = "Stop when validation accuracy has not improved for PATIENCE epochs (needs --val or --val-data).")
    private Integer patience;

    /** One epoch's figures, as logged, plotted and kept in checkpoints. */
    public record EpochRow(int epoch, double trainLoss, double trainAccuracy, double valAccuracy, double lr, double seconds) {
        static final String CSV_HEADER = "epoch,train_loss,train_accuracy,val_accuracy,lr,seconds";

        String csv() {
            return String.format(Locale.ROOT, "%d,%.6f,%.6f,%s,%.6g,%.3f", epoch, trainLoss, trainAccuracy,
                    Double.isNaN(valAccuracy) ? "" : String.format(Locale.ROOT, "%.6f", valAccuracy), lr, seconds);
        }

        /** A line of {@link #csv}; IllegalArgumentException for any other. */
        static EpochRow parse(String line) {
            String[] f = line.split(",", -1);
            if (f.length != 6) {
                throw new IllegalArgumentException("an epoch row of " + f.length + " fields, not 6: " + line);
            }
            return new EpochRow(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    f[3].isEmpty() ? Double.NaN : Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]));
        }
    }

    @Override
    public Integer call() throws IOException {
        Settings s = settings();
        PrintStream err = common.streams().err();
        if (resume && checkpointDir == null) {
            throw new ParameterException(spec.commandLine(), "--resume needs --checkpoint-dir");
        }
        Checkpoints ckpt = checkpointDir == null ? null : new Checkpoints(checkpointDir);
        Set<Path> outputs = outputs();
        // a first look before the data are read; which checkpoint is resumed, if any, is known only after
        refuseClobber(resume ? ckpt.recordedOutputs() : Set.of());
        if (!resume && ckpt != null && ckpt.holdsCheckpoints() && !overwrite) {
            throw new CommandFailure(checkpointDir + ": holds the checkpoints of an earlier run; --resume continues it, --overwrite deletes"
                    + " them and starts afresh (or use another --checkpoint-dir)");
        }
        int nThreads = threads != null ? threads : common.jobs();
        Parallel.setThreads(nThreads);
        long t0 = System.nanoTime();

        Images train, val = null;
        long failures;
        String description;
        try (DataSet ds = data.open(); Progress bar = Progress.forFiles("reading", common.quiet(), err)) {
            if (ds.size() == 0) {
                throw new CommandFailure(data.path() + ": no images");
            }
            description = ds.description();
            Reporter reporter = new Reporter(bar, common.verbose(), err);
            bar.addTotal(ds.size());
            int[] shape = Images.firstShape(ds);
            // the JIT compiles the network's kernels on a twin while the images are read
            try (WarmUp warm = WarmUp.start(s.arch, shape, ds.classes().size(), batch, true)) {
                train = Images.read(ds, shape, reporter);
                if (valData != null) {
                    try (DataSet vs = openVal()) {
                        if (!vs.classes().equals(ds.classes())) {
                            throw new CommandFailure(valData + ": classes " + vs.classes() + " differ from the training set's " + ds.classes());
                        }
                        bar.addTotal(vs.size());
                        val = Images.read(vs, train.shape, reporter);
                    }
                }
            }
            failures = reporter.failures();
        }
        if (train.size() == 0) {
            throw new CommandFailure("no image could be read from " + data.path() + "; nothing written");
        }
        int[] order = identity(train.size());
        int[] trainIdx = order, valIdx = null;
        if (valFraction > 0) {
            shuffle(order, new SplittableRandom(s.seed ^ 0x5DEECE66DL));
            int nVal = (int) Math.round(valFraction * train.size());
            if (nVal < 1 || nVal >= train.size()) {
                throw new CommandFailure("--val " + valFraction + " of " + train.size() + " images leaves no validation or no training image");
            }
            valIdx = java.util.Arrays.copyOfRange(order, 0, nVal);
            trainIdx = java.util.Arrays.copyOfRange(order, nVal, order.length);
            java.util.Arrays.sort(valIdx);
            java.util.Arrays.sort(trainIdx);
        }
        if ((valIdx != null || val != null) == false && patience != null) {
            throw new ParameterException(spec.commandLine(), "--early-stop needs validation data: --val FRACTION or --val-data PATH");
        }
        float[][] ms = train.meanStd(trainIdx);
        float[] mean = ms[0], std = ms[1];
        train.normalise(mean, std);
        if (val != null) {
            val.normalise(mean, std);
        }

        Network net;
        try {
            net = Network.build(s.arch, train.shape, train.classes.size(), s.seed, s.init);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--arch: " + e.getMessage() + " (data: "
                    + Tensor.shapeString(train.shape) + " images, " + train.classes.size() + " classes)");
        }
        net.setLabelSmoothing(s.labelSmoothing);
        Optimizer opt = s.optimizer(net);
        int batches = Math.max(1, trainIdx.length / batch + (trainIdx.length % batch > 1 ? 1 : 0)); // a last batch of 1 is dropped
        LrSchedule sched = s.schedule((long) batches * s.epochs);
        Map<String, String> settings = s.describe(description, trainIdx.length);

        List<EpochRow> history = new ArrayList<>();
        int startEpoch = 0;
        Checkpoints.Restored restored = null;
        if (resume) {
            restored = ckpt.restore(net, opt, settings, nThreads, err, common.quiet());
            if (restored != null) {
                startEpoch = restored.epoch();
                history.addAll(restored.history());
            }
            // a resumed run replaces only the outputs of the run it resumes; without one, none
            refuseClobber(restored == null ? Set.of() : restored.outputs());
        } else if (ckpt != null) {
            ckpt.clear(); // the earlier run's checkpoints, which --overwrite allowed to delete
        }
        if (!common.quiet()) {
            err.printf(Locale.ROOT, "convkit: %s on %d images %s (%d classes)%s; %d parameters; %s, lr %s, %s schedule, batch %d, %d thread%s%n",
                    net.arch(), trainIdx.length, Tensor.shapeString(train.shape), train.classes.size(),
                    valIdx != null ? ", " + valIdx.length + " held out" : val != null ? ", validating on " + val.size() : "",
                    net.summary().totalParams(), s.optimizer, fmt(s.lr), s.schedule, batch, nThreads, nThreads == 1 ? "" : "s");
            if (restored != null) {
                err.printf(Locale.ROOT, "convkit: resumed from %s after epoch %d%n", restored.file(), startEpoch);
            }
        }

        float[] black = new float[train.shape[0]];
        for (int c = 0; c < black.length; c++) {
            black[c] = -mean[c] / std[c];
        }
        Augment aug = s.augment;
        int sampleSize = train.sampleSize();
        float[] xb = new float[batch * sampleSize];
        int[] yb = new int[batch];
        float[] tmp = new float[train.shape[1] * train.shape[2]];
        double bestVal = Double.NEGATIVE_INFINITY;
        int sinceBest = 0;
        for (EpochRow r : history) {
            if (r.valAccuracy() > bestVal) {
                bestVal = r.valAccuracy();
                sinceBest = 0;
            } else {
                sinceBest++;
            }
        }
        boolean stopped = patience != null && sinceBest >= patience && !history.isEmpty();
        for (int epoch = startEpoch; epoch < s.epochs && !stopped; epoch++) {
            long e0 = System.nanoTime();
            SplittableRandom rng = new SplittableRandom(epochSeed(s.seed, epoch));
            int[] perm = trainIdx.clone();
            shuffle(perm, rng);
            double lossSum = 0;
            long correct = 0, seen = 0;
            try (EpochBar bar = EpochBar.open(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, s.epochs), batches, common.quiet(), err)) {
                for (int b = 0; b < batches; b++) {
                    int from = b * batch, to = Math.min(perm.length, from + batch);
                    long step = (long) epoch * batches + b;
                    opt.setLr(sched.lr(step));
                    Tensor x = train.gather(perm, from, to, xb, yb);
                    for (int i = 0; i < to - from; i++) {
                        aug.apply(xb, i * sampleSize, train.shape, black, rng, tmp);
                    }
                    int[] labels = to - from == batch ? yb : java.util.Arrays.copyOf(yb, to - from);
                    StepResult r = net.trainStep(x, labels, opt);
                    if (!Float.isFinite(r.loss()) || r.loss() > explosion(train.classes.size())) {
                        throw new CommandFailure(String.format(Locale.ROOT, "training diverged: the loss is %s at epoch %d, batch %d of %d"
                                + " (learning rate %s); try a smaller --lr, e.g. %s%s", Float.isFinite(r.loss()) ? String.format(Locale.ROOT, "%.4g", r.loss())
                                : Float.toString(r.loss()), epoch + 1, b + 1, batches, fmt(opt.lr()), fmt(s.lr / 10),
                                s.schedule.equals("none") ? ", or a schedule with warm-up (--schedule onecycle)" : ""));
                    }
                    lossSum += (double) r.loss() * r.count();
                    correct += r.correct();
                    seen += r.count();
                    bar.step(lossSum / seen, (double) correct / seen, seen);
                }
            }
            double valAcc = Double.NaN;
            if (valIdx != null) {
                valAcc = accuracy(net, train, valIdx);
            } else if (val != null) {
                valAcc = accuracy(net, val, identity(val.size()));
            }
            double secs = (System.nanoTime() - e0) / 1e9;
            EpochRow row = new EpochRow(epoch + 1, lossSum / seen, (double) correct / seen, valAcc, opt.lr(), secs);
            history.add(row);
            if (!common.quiet()) {
                err.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  acc %.4f%s  lr %.3g  %.1f s (%.0f img/s)%n", row.epoch(), s.epochs,
                        row.trainLoss(), row.trainAccuracy(), Double.isNaN(valAcc) ? "" : String.format(Locale.ROOT, "  val acc %.4f", valAcc),
                        row.lr(), secs, seen / secs);
            }
            if (!Double.isNaN(valAcc)) {
                if (valAcc > bestVal) {
                    bestVal = valAcc;
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
            }
            CnnModel model = new CnnModel(net, mean, std, train.classes, settings);
            if (ckpt != null) {
                ckpt.save(epoch + 1, model, opt, net.steps(), settings, nThreads, history, outputs);
            }
            if (log != null) {
                writeLog(history);
            }
            if (patience != null && sinceBest >= patience) {
                stopped = true;
                if (!common.quiet()) {
                    err.printf(Locale.ROOT, "convkit: early stop: validation accuracy has not improved on %.4f for %d epochs%n", bestVal, patience);
                }
            }
        }
        CnnModel model = new CnnModel(net, mean, std, train.classes, settings);
        model.save(output);
        if (log != null && history.isEmpty()) {
            writeLog(history);
        }
        if (plot != null) {
            Charts.curves(plot, history, net.arch() + " on " + data.path().getFileName());
        }
        if (!common.quiet()) {
            err.printf(Locale.ROOT, "convkit: wrote %s (%.1f MB) in %.1f s%n", output, Files.size(output) / 1e6, (System.nanoTime() - t0) / 1e9);
        }
        return failures > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** The files this run writes, as absolute paths (as checkpoints record them). */
    private Set<Path> outputs() {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : new Path[] {output, log, plot}) {
            if (p != null) {
                out.add(p.toAbsolutePath().normalize());
            }
        }
        return out;
    }

    /** Existing outputs are replaced only with --overwrite, or when {@code reusable} (the resumed run's outputs) holds them. */
    private void refuseClobber(Set<Path> reusable) {
        if (overwrite) {
            return;
        }
        for (Path p : new Path[] {output, log, plot}) {
            if (p != null && Files.exists(p) && !reusable.contains(p.toAbsolutePath().normalize())) {
                throw new CommandFailure(p + ": exists; --overwrite replaces it" + (resume ? " (it is not an output of the run --resume continues)" : ""));
            }
        }
    }

    private DataSet openVal() throws IOException {
        try {
            return DataSets.open(valData, Split.TEST);
        } catch (org.convkit.cli.data.DataSetException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
    }

    private void writeLog(List<EpochRow> history) throws IOException {
        StringBuilder b = new StringBuilder(EpochRow.CSV_HEADER).append('\n');
        history.forEach(r -> b.append(r.csv()).append('\n'));
        byte[] bytes = b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicOutput.write(log, true, out -> out.write(bytes));
    }

    /** A loss this far above chance (ln classes) means the run blew up even if it is still finite. */
    static float explosion(int classes) { return (float) Math.max(100, 50 * Math.log(Math.max(2, classes))); }

    /** Validation accuracy in evaluation mode, in batches. */
    static double accuracy(Network net, Images set, int[] idx) {
        int b = 256;
        float[] xb = new float[b * set.sampleSize()];
        int[] yb = new int[b];
        long correct = 0;
        for (int i = 0; i < idx.length; i += b) {
            int to = Math.min(idx.length, i + b);
            Tensor x = set.gather(idx, i, to, xb, yb);
            correct += Network.countCorrect(net.predict(x), java.util.Arrays.copyOf(yb, to - i));
        }
        return (double) correct / idx.length;
    }

    /** The random stream of one epoch (shuffle, augmentation): a function of the seed and epoch only, so resuming needs no saved generator. */
    static long epochSeed(long seed, int epoch) { return new SplittableRandom(seed).split().nextLong() ^ (0x9E3779B97F4A7C15L * (epoch + 1)); }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher-Yates. */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static String fmt(double v) { return String.format(Locale.ROOT, "%g", v).replaceAll("\\.?0+(e|$)", "$1"); }

    /** The options that decide the result, checked and with their defaults filled in. */
    private record Settings(String arch, long seed, int epochs, String optimizer, double lr, double momentum, boolean nesterov,
                            double weightDecay, String schedule, float labelSmoothing, Augment augment, Init init) {
        Optimizer optimizer(Network net) {
            return switch (optimizer) {
                case "sgd" -> new Sgd(net.parameters(), lr, momentum, nesterov, weightDecay);
                case "adam" -> Adam.adam(net.parameters(), lr, weightDecay);
                default -> Adam.adamW(net.parameters(), lr, weightDecay);
            };
        }

        LrSchedule schedule(long totalSteps) {
            return switch (schedule) {
                case "none" -> LrSchedule.constant(lr);
                case "step" -> LrSchedule.step(lr, Math.max(1, totalSteps / 3), 0.1);
                case "cosine" -> LrSchedule.cosine(lr, totalSteps, 0);
                default -> LrSchedule.oneCycle(lr, Math.max(2, totalSteps));
            };
        }

        /** Everything a resumed run must share with the first, as the model's training.* metadata. */
        Map<String, String> describe(String data, int samples) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("arch", arch);
            m.put("data", data);
            m.put("samples", Integer.toString(samples));
            m.put("seed", Long.toString(seed));
            m.put("epochs", Integer.toString(epochs));
            m.put("optimizer", optimizer);
            m.put("lr", fmt(lr));
            m.put("momentum", optimizer.equals("sgd") ? fmt(momentum) + (nesterov ? " nesterov" : "") : "-");
            m.put("weight_decay", fmt(weightDecay));
            m.put("schedule", schedule);
            m.put("label_smoothing", fmt(labelSmoothing));
            m.put("augment", augment.toString());
            m.put("init", init.label());
            return m;
        }
    }

    private Settings settings() {
        var cl = spec.commandLine();
        String a = arch;
        if (a.startsWith("@")) {
            try {
                a = Files.readString(Path.of(a.substring(1))).lines().map(l -> l.replaceFirst("#.*", "")).reduce("", (x, y) -> x + " " + y).trim();
            } catch (IOException e) {
                throw new ParameterException(cl, "--arch " + arch + ": " + Reporter.reason(e));
            }
        }
        if (epochs < 1) {
            throw new ParameterException(cl, "--epochs must be at least 1, got " + epochs);
        }
        if (batch < 2) {
            throw new ParameterException(cl, "--batch must be at least 2, got " + batch);
        }
        String o = optimizer.trim().toLowerCase(Locale.ROOT);
        if (!List.of("sgd", "adam", "adamw").contains(o)) {
            throw new ParameterException(cl, "--optimizer takes sgd, adam or adamw, got '" + optimizer + "'");
        }
        String sc = schedule.trim().toLowerCase(Locale.ROOT);
        if (!List.of("none", "step", "cosine", "onecycle").contains(sc)) {
            throw new ParameterException(cl, "--schedule takes none, step, cosine or onecycle, got '" + schedule + "'");
        }
        double rate = lr != null ? lr : o.equals("sgd") ? 0.05 : 1e-3;
        double wd = weightDecay != null ? weightDecay : o.equals("sgd") ? 5e-4 : o.equals("adam") ? 0 : 0.01;
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new ParameterException(cl, "--lr must be positive, got " + rate);
        }
        if (wd < 0 || momentum < 0 || momentum >= 1) {
            throw new ParameterException(cl, "--weight-decay must be >= 0 and --momentum in [0, 1)");
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new ParameterException(cl, "--val takes a fraction in [0, 1), got " + valFraction);
        }
        if (valFraction > 0 && valData != null) {
            throw new ParameterException(cl, "--val and --val-data exclude each other");
        }
        if (patience != null && patience < 1) {
            throw new ParameterException(cl, "--early-stop takes a patience of at least 1 epoch");
        }
        if (threads != null && threads < 1) {
            throw new ParameterException(cl, "--threads must be at least 1");
        }
        if (labelSmoothing < 0 || labelSmoothing >= 1) {
            throw new ParameterException(cl, "--label-smoothing takes a value in [0, 1)");
        }
        Augment aug;
        Init in;
        try {
            aug = Augment.parse(augment);
            in = Init.parse(init);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, e.getMessage());
        }
        return new Settings(a, data.seed(), epochs, o, rate, momentum, nesterov && o.equals("sgd"), wd, sc, labelSmoothing, aug, in);
    }
}
