package org.convkit.cli.cnn;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.batch.Reporter;
import org.convkit.io.model.ModelFormatException;
import org.convkit.io.model.SafeTensors;
import org.convkit.cnn.nn.Network;
import org.convkit.cnn.optim.Optimizer;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.cnn.train.EpochResult;

/**
 * The checkpoints of {@code cnn train --checkpoint-dir DIR}: after epoch N, {@code DIR/epoch-NNN.safetensors}
 * (a model file like the final one) and {@code DIR/epoch-NNN.state.safetensors} (the optimizer's tensors by
 * name, and in its metadata the epoch, the network's step count, which seeds dropout, the thread count,
 * the settings, the history of epochs and the run's output files). The random streams of shuffling and
 * augmentation are functions of the seed and the epoch, so these are all a resumed run needs to continue
 * bit for bit.
 *
 * <p>A run is identified by its settings (architecture, data, seed and every option that changes the
 * result): {@link #restore} takes only checkpoints made with the same settings, the newest that loads,
 * and says which it skipped and why (a power cut can leave the newest one empty). The model file is
 * written before the state file, so a state file always has its model beside it.
 */
final class Checkpoints {
    static final String STATE_FORMAT = "convkit-cnn-state";
    /** Nine digits at most: every such number fits an int, and longer ones are not names this class writes. */
    private static final Pattern STATE_NAME = Pattern.compile("epoch-(\\d{1,9})\\.state\\.safetensors");
    private static final Pattern ANY_NAME = Pattern.compile("epoch-\\d+(\\.state)?\\.safetensors");
    private static final String OUTPUT = "outputs.";

    private final Path dir;

    Checkpoints(Path dir) { this.dir = dir; }

    /** A restored checkpoint: its epoch, state file, history, and the output files of the run that wrote it. */
    record Restored(int epoch, Path file, List<EpochResult> history, Set<Path> outputs) {}

    Path model(int epoch) { return dir.resolve(String.format("epoch-%03d.safetensors", epoch)); }

    Path state(int epoch) { return dir.resolve(String.format("epoch-%03d.state.safetensors", epoch)); }

    /**
     * Model first, then state: a state file therefore always has its model beside it. {@code outputs} (the
     * run's model, log and plot files) are recorded so that a resumed run may replace them.
     */
    void save(int epoch, CnnModel model, Optimizer opt, long steps, Map<String, String> settings, int threads,
              List<EpochResult> history, Set<Path> outputs) throws IOException {
        Files.createDirectories(dir);
        model.save(model(epoch));
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        opt.state().forEach((name, t) -> tensors.put(name, name.equals("step")
                ? SafeTensors.Tensor.ofLongs(new long[] {opt.steps()})
                : SafeTensors.Tensor.ofFloats(t.toArray(), CnnModel.longShape(t.shape))));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("convkit.format", STATE_FORMAT);
        meta.put("convkit.format_version", "1");
        meta.put("epoch", Integer.toString(epoch));
        meta.put("network.steps", Long.toString(steps));
        meta.put("threads", Integer.toString(threads));
        settings.forEach((k, v) -> meta.put("training." + k, v));
        StringBuilder h = new StringBuilder();
        history.forEach(r -> h.append(TrainingLog.csv(r)).append('\n'));
        meta.put("history", h.toString());
        int i = 0;
        for (Path p : outputs) {
            meta.put(OUTPUT + i++, p.toString());
        }
        SafeTensors.write(state(epoch), tensors, meta);
    }

    /** True when the folder holds checkpoint files (of any run, readable or not). */
    boolean holdsCheckpoints() {
        return !checkpointFiles().isEmpty();
    }

    /** Deletes every checkpoint file of the folder (nothing else), for a fresh run with --overwrite. */
    void clear() {
        for (Path p : checkpointFiles()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new CommandFailure(p + ": cannot delete the earlier run's checkpoint: " + Reporter.reason(e), e);
            }
        }
    }

    private List<Path> checkpointFiles() {
        return list().stream().filter(p -> ANY_NAME.matcher(p.getFileName().toString()).matches()).toList();
    }

    /** The output files recorded by any readable checkpoint in the folder (a first look, before the data are read). */
    Set<Path> recordedOutputs() {
        Set<Path> out = new HashSet<>();
        for (Candidate c : candidates()) {
            try {
                out.addAll(outputs(SafeTensors.readMetadata(c.state())));
            } catch (IOException e) {
                // an unreadable checkpoint records nothing; restore says why it skips it
            }
        }
        return out;
    }

    private record Candidate(int epoch, Path state, Path model) {}

    /** The folder's state files with the names this class writes, newest first. */
    private List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>();
        for (Path p : list()) {
            String name = p.getFileName().toString();
            Matcher m = STATE_NAME.matcher(name);
            if (m.matches()) {
                out.add(new Candidate(Integer.parseInt(m.group(1)), p, p.resolveSibling(name.replace(".state.safetensors", ".safetensors"))));
            }
        }
        out.sort(Comparator.comparingInt(Candidate::epoch).reversed());
        return out;
    }

    private List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new CommandFailure(dir + ": " + Reporter.reason(e), e);
        }
    }

    /** A checkpoint made with other settings: not damaged, but not this run's. */
    private static final class OtherRun extends Exception {
        OtherRun(String message) { super(message, null, false, false); }
    }

    /**
     * Loads the newest checkpoint of this run that loads completely into {@code net} and {@code opt}
     * (nothing is changed by one that does not); null when there is none, and the caller starts from
     * epoch 1. A folder holding only another run's checkpoints is a failure, so that the two runs are never mixed.
     */
    Restored restore(Network net, Optimizer opt, Map<String, String> settings, int threads, PrintStream err, boolean quiet) {
        List<Candidate> candidates = candidates();
        String otherRun = null;
        List<String> otherRunSkips = new ArrayList<>(); // said only when this run goes on; otherwise the failure says it
        for (Candidate c : candidates) {
            Loaded loaded;
            try {
                loaded = load(c, net, opt, settings);
            } catch (OtherRun e) {
                otherRun = otherRun != null ? otherRun : c.state() + " was made with " + e.getMessage();
                otherRunSkips.add("convkit: skipping checkpoint " + c.state() + ": another run's (made with " + e.getMessage() + ")");
                continue;
            } catch (IOException | IllegalArgumentException | ArithmeticException e) {
                err.println("convkit: skipping checkpoint " + c.state() + ": " + Reporter.reason(e));
                continue;
            }
            otherRunSkips.forEach(err::println);
            if (loaded.threads() != threads && !quiet) {
                err.println("convkit: warning: the checkpoint was made with " + loaded.threads() + " threads, this run has " + threads
                        + ": the result may differ in the last bits from an uninterrupted run");
            }
            net.loadStateDict(loaded.model().network().stateDict());
            net.setSteps(loaded.steps());
            opt.loadState(loaded.optimizer());
            return new Restored(c.epoch(), c.state(), loaded.history(), loaded.outputs());
        }
        if (otherRun != null) {
            throw new CommandFailure(dir + " holds checkpoints of another run (" + otherRun
                    + "); resume with the same options (or use another --checkpoint-dir)");
        }
        if (!quiet) {
            err.println("convkit: " + (candidates.isEmpty() ? "no checkpoint in " + dir + " yet" : "no usable checkpoint in " + dir)
                    + "; starting from epoch 1");
        }
        return null;
    }

    /**
     * The network state saved after {@code epoch} by this run ({@code net}'s architecture, these {@code settings}),
     * for early stopping's best epoch; a failure naming the file when it cannot be read or is another run's.
     */
    Map<String, Tensor> weights(int epoch, Network net, Map<String, String> settings) {
        Path file = model(epoch);
        try {
            CnnModel m = CnnModel.load(file);
            if (!m.network().spec().equals(net.spec()) || !m.training().equals(settings)) {
                throw new ModelFormatException("it belongs to another run");
            }
            return m.network().stateDict();
        } catch (IOException e) {
            throw new CommandFailure(file + ": cannot read the weights of epoch " + epoch + ", the best so far, which --early-stop keeps: "
                    + Reporter.reason(e), e);
        }
    }

    /** Settings that older checkpoints do not record, with the value they were made with. */
    private static final Map<String, String> RECORDED_LATER = Map.of("init", "he");

    private record Loaded(CnnModel model, long steps, int threads, Map<String, Tensor> optimizer, List<EpochResult> history,
                          Set<Path> outputs) {}

    /** Reads and checks one checkpoint completely, changing nothing. */
    private static Loaded load(Candidate c, Network net, Optimizer opt, Map<String, String> settings) throws IOException, OtherRun {
        SafeTensors.Contents state = SafeTensors.read(c.state());
        if (!STATE_FORMAT.equals(state.metadata().get("convkit.format"))) {
            throw new ModelFormatException("not a convkit training state file");
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String was = state.metadata().getOrDefault("training." + e.getKey(), RECORDED_LATER.get(e.getKey()));
            if (!e.getValue().equals(was)) {
                throw new OtherRun(e.getKey() + " '" + was + "', this run has '" + e.getValue() + "'");
            }
        }
        int epoch = integer(state, "epoch");
        if (epoch != c.epoch()) {
            throw new ModelFormatException("its name says epoch " + c.epoch() + ", its content epoch " + epoch);
        }
        int threads = integer(state, "threads");
        long steps = Long.parseLong(state.requireMetadata("network.steps"));
        if (steps < 0) {
            throw new ModelFormatException("a negative step count");
        }
        if (!Files.isRegularFile(c.model())) {
            throw new ModelFormatException("its model " + c.model().getFileName() + " is missing");
        }
        CnnModel model;
        try {
            model = CnnModel.load(c.model());
        } catch (ModelFormatException e) {
            throw new ModelFormatException("its model " + c.model().getFileName() + ": " + e.getMessage(), e);
        }
        if (!model.network().spec().equals(net.spec()) || !model.training().equals(settings)) {
            throw new ModelFormatException("its model " + c.model().getFileName() + " belongs to another run");
        }
        Map<String, Tensor> optimizer = CnnModel.engineTensors(state.tensors());
        SafeTensors.Tensor step = state.require("step");
        if (step.elements() != 1) {
            throw new ModelFormatException("its optimizer step is not one number");
        }
        Tensor s = new Tensor(1);
        s.set(0, step.longs()[0]);
        optimizer.put("step", s);
        opt.state().forEach((name, mine) -> {
            Tensor saved = optimizer.get(name);
            if (saved == null || (!name.equals("step") && !java.util.Arrays.equals(saved.shape, mine.shape))) {
                throw new IllegalArgumentException("its optimizer state '" + name + "' is "
                        + (saved == null ? "missing" : Tensor.shapeString(saved.shape) + ", this network's " + Tensor.shapeString(mine.shape)));
            }
        });
        List<EpochResult> history = new ArrayList<>();
        for (String line : state.requireMetadata("history").lines().filter(l -> !l.isBlank()).toList()) {
            history.add(TrainingLog.parse(line));
            if (history.getLast().epoch() != history.size()) {
                throw new ModelFormatException("its history of epochs is out of order");
            }
        }
        if (history.size() != epoch) {
            throw new ModelFormatException("its history holds " + history.size() + " epochs, not " + epoch);
        }
        return new Loaded(model, steps, threads, optimizer, history, outputs(state.metadata()));
    }

    private static int integer(SafeTensors.Contents c, String key) throws ModelFormatException {
        try {
            return Integer.parseInt(c.requireMetadata(key));
        } catch (NumberFormatException e) {
            throw new ModelFormatException("its metadata '" + key + "' is not a number");
        }
    }

    private static Set<Path> outputs(Map<String, String> metadata) {
        Set<Path> out = new HashSet<>();
        metadata.forEach((k, v) -> {
            if (k.startsWith(OUTPUT)) {
                try {
                    out.add(Path.of(v));
                } catch (java.nio.file.InvalidPathException e) {
                    // not a path on this system: nothing to reuse
                }
            }
        });
        return out;
    }
}
