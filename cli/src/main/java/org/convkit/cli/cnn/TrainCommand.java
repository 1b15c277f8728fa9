package org.convkit.cli.cnn;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.batch.Reporter;
import org.convkit.io.data.DataSet;
import org.convkit.cli.data.DataSetOptions;
import org.convkit.io.data.DataSets;
import org.convkit.io.data.Split;
import org.convkit.cli.progress.Progress;
import org.convkit.cnn.layers.Init;
import org.convkit.cnn.nn.Network;
import org.convkit.cnn.nn.WarmUp;
import org.convkit.cnn.optim.Adam;
import org.convkit.cnn.optim.LrSchedule;
import org.convkit.cnn.optim.Optimizer;
import org.convkit.cnn.optim.Sgd;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.cnn.train.Augmentation;
import org.convkit.cnn.train.DivergedException;
import org.convkit.cnn.train.EpochResult;
import org.convkit.cnn.train.HoldOut;
import org.convkit.cnn.train.Normalisation;
import org.convkit.cnn.train.Samples;
import org.convkit.cnn.train.Shuffle;
import org.convkit.cnn.train.Trainer;
import org.convkit.cnn.train.TrainingListener;
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
            description = "Stop when validation accuracy has not improved for PATIENCE epochs (needs --val or --val-data); the model"
                    + " keeps the weights of the best epoch, which standard error, the --log file and the model's metadata name.")
    private Integer patience;

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
                        val = Images.read(vs, train.samples().shape, reporter);
                    }
                }
            }
            failures = reporter.failures();
        }
        if (train.size() == 0) {
            throw new CommandFailure("no image could be read from " + data.path() + "; nothing written");
        }
        Samples samples = train.samples();
        int[] trainIdx = Shuffle.identity(train.size()), valIdx = null;
        if (valFraction > 0) {
            try {
                HoldOut split = HoldOut.draw(train.size(), valFraction, s.seed);
                trainIdx = split.train();
                valIdx = split.validation();
            } catch (IllegalArgumentException e) {
                throw new CommandFailure("--val " + e.getMessage());
            }
        }
        if (valIdx == null && val == null && patience != null) {
            throw new ParameterException(spec.commandLine(), "--early-stop needs validation data: --val FRACTION or --val-data PATH");
        }
        Normalisation norm = Normalisation.of(samples, trainIdx);
        samples.normalise(norm);
        if (val != null) {
            val.samples().normalise(norm);
        }

        Network net;
        try {
            net = Network.build(s.arch, samples.shape, train.classes().size(), s.seed, s.init);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--arch: " + e.getMessage() + " (data: "
                    + Tensor.shapeString(samples.shape) + " images, " + train.classes().size() + " classes)");
        }
        net.setLabelSmoothing(s.labelSmoothing);
        Optimizer opt = s.optimizer(net);
        LrSchedule sched = s.schedule((long) Trainer.batchesPerEpoch(trainIdx.length, batch) * s.epochs);
        Map<String, String> settings = s.describe(description, trainIdx.length);
        Trainer trainer = new Trainer(net, opt, sched, new Trainer.Options(s.epochs, batch, s.seed, s.augment, patience == null ? 0 : patience));

        Checkpoints.Restored restored = null;
        if (resume) {
            restored = ckpt.restore(net, opt, settings, nThreads, err, common.quiet());
            if (restored != null) {
                trainer.resume(restored.history(), epoch -> ckpt.weights(epoch, net, settings));
            }
            // a resumed run replaces only the outputs of the run it resumes; without one, none
            refuseClobber(restored == null ? Set.of() : restored.outputs());
        } else if (ckpt != null) {
            ckpt.clear(); // the earlier run's checkpoints, which --overwrite allowed to delete
        }
        if (!common.quiet()) {
            err.printf(Locale.ROOT, "convkit: %s on %d images %s (%d classes)%s; %d parameters; %s, lr %s, %s schedule, batch %d, %d thread%s%n",
                    net.arch(), trainIdx.length, Tensor.shapeString(samples.shape), train.classes().size(),
                    valIdx != null ? ", " + valIdx.length + " held out" : val != null ? ", validating on " + val.size() : "",
                    net.summary().totalParams(), s.optimizer, fmt(s.lr), s.schedule, batch, nThreads, nThreads == 1 ? "" : "s");
            if (restored != null) {
                err.printf(Locale.ROOT, "convkit: resumed from %s after epoch %d%n", restored.file(), restored.epoch());
            }
        }

        Trainer.Validation validation = valIdx != null ? new Trainer.Validation(samples, valIdx)
                : val != null ? new Trainer.Validation(val.samples(), Shuffle.identity(val.size())) : null;
        TrainingListener listener = new TrainingListener() {
            @Override
            public EpochProgress epochStarted(int epoch, int batches) {
                return EpochBar.open(String.format(Locale.ROOT, "epoch %d/%d", epoch, s.epochs), batches, common.quiet(), err);
            }

            @Override
            public void epochEnded(EpochEnd end) throws IOException {
                EpochResult row = end.result();
                if (!common.quiet()) {
                    err.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  acc %.4f%s  lr %.3g  %.1f s (%.0f img/s)%n", row.epoch(), s.epochs,
                            row.trainLoss(), row.trainAccuracy(), Double.isNaN(row.valAccuracy()) ? ""
                                    : String.format(Locale.ROOT, "  val acc %.4f", row.valAccuracy()), row.lr(), row.seconds(), end.images() / row.seconds());
                }
                if (ckpt != null) {
                    ckpt.save(row.epoch(), new CnnModel(net, norm.mean(), norm.std(), train.classes(), settings), opt, net.steps(), settings,
                            nThreads, trainer.history(), outputs);
                }
                if (log != null) {
                    TrainingLog.write(log, trainer.history(), patience != null, end.bestEpoch(), end.stopping() ? row.epoch() : 0);
                }
            }
        };
        Trainer.Outcome outcome;
        try {
            outcome = trainer.fit(samples, trainIdx, validation, norm, listener);
        } catch (DivergedException e) {
            throw new CommandFailure(String.format(Locale.ROOT, "training diverged: the loss is %s at epoch %d, batch %d of %d"
                    + " (learning rate %s); try a smaller --lr, e.g. %s%s", DivergedException.lossText(e.loss()), e.epoch(), e.batch(),
                    e.batches(), fmt(e.lr()), fmt(s.lr / 10), s.schedule.equals("none") ? ", or a schedule with warm-up (--schedule onecycle)" : ""));
        }
        List<EpochResult> history = outcome.history();
        Map<String, String> metadata = settings;
        if (patience != null) {
            metadata = new LinkedHashMap<>(settings);
            metadata.putAll(earlyStopReport(outcome, err));
        }
        CnnModel model = new CnnModel(net, norm.mean(), norm.std(), train.classes(), metadata);
        model.save(output);
        if (log != null && history.isEmpty()) {
            TrainingLog.write(log, history, patience != null, 0, 0);
        }
        if (plot != null) {
            Charts.curves(plot, history, net.arch() + " on " + data.path().getFileName());
        }
        if (!common.quiet()) {
            err.printf(Locale.ROOT, "convkit: wrote %s (%.1f MB) in %.1f s%n", output, Files.size(output) / 1e6, (System.nanoTime() - t0) / 1e9);
        }
        return failures > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /**
     * Says on standard error what early stopping did, and returns it as model metadata: the patience, the best
     * epoch (whose weights the model holds) and, when it stopped before the last epoch, after which epoch.
     */
    private Map<String, String> earlyStopReport(Trainer.Outcome outcome, PrintStream err) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("early_stop.patience", Integer.toString(patience));
        int best = outcome.bestEpoch(), last = outcome.history().isEmpty() ? 0 : outcome.history().getLast().epoch();
        if (best > 0) {
            m.put("early_stop.best_epoch", Integer.toString(best));
        }
        if (outcome.stoppedEarly()) {
            m.put("early_stop.stopped_after_epoch", Integer.toString(last));
        }
        if (!common.quiet() && best > 0) {
            double acc = outcome.history().get(best - 1).valAccuracy();
            if (outcome.stoppedEarly()) {
                err.printf(Locale.ROOT, "convkit: early stop after epoch %d: validation accuracy has not improved on %.4f (epoch %d) for %d epochs%n",
                        last, acc, best, patience);
            }
            err.printf(Locale.ROOT, "convkit: the model holds the weights of epoch %d, the best on validation (%.4f)%n", best, acc);
        }
        return m;
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
        } catch (org.convkit.io.data.DataSetException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
    }

    static String fmt(double v) { return String.format(Locale.ROOT, "%g", v).replaceAll("\\.?0+(e|$)", "$1"); }

    /** The options that decide the result, checked and with their defaults filled in. */
    private record Settings(String arch, long seed, int epochs, String optimizer, double lr, double momentum, boolean nesterov,
                            double weightDecay, String schedule, float labelSmoothing, Augmentation augment, Init init) {
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
        Augmentation aug;
        Init in;
        try {
            aug = Augmentation.parse(augment);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--augment: " + e.getMessage());
        }
        try {
            in = Init.parse(init);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, e.getMessage());
        }
        return new Settings(a, data.seed(), epochs, o, rate, momentum, nesterov && o.equals("sgd"), wd, sc, labelSmoothing, aug, in);
    }
}
