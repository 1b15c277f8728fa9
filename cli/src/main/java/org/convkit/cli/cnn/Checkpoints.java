package org.convkit.cli.cnn;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.batch.Reporter;
import org.convkit.cli.model.SafeTensors;
import org.convkit.cnn.nn.Network;
import org.convkit.cnn.optim.Optimizer;
import org.convkit.cnn.tensor.Tensor;

/**
 * The checkpoints of {@code cnn train --checkpoint-dir DIR}: after epoch N, {@code DIR/epoch-NNN.safetensors}
 * (a model file like the final one) and {@code DIR/epoch-NNN.state.safetensors} (the optimizer's tensors by
 * name, and in its metadata the epoch, the network's step count, which seeds dropout, the thread count,
 * the settings and the history of epochs). The random streams of shuffling and augmentation are
 * functions of the seed and the epoch, so these are all a resumed run needs to continue bit for bit.
 */
final class Checkpoints {
    static final String STATE_FORMAT = "convkit-cnn-state";
    private static final Pattern NAME = Pattern.compile("epoch-(\\d+)\\.state\\.safetensors");

    private final Path dir;

    Checkpoints(Path dir) { this.dir = dir; }

    record Restored(int epoch, Path file, List<TrainCommand.EpochRow> history) {}

    Path model(int epoch) { return dir.resolve(String.format("epoch-%03d.safetensors", epoch)); }

    Path state(int epoch) { return dir.resolve(String.format("epoch-%03d.state.safetensors", epoch)); }

    /** Model first, then state: a state file therefore always has its model beside it. */
    void save(int epoch, CnnModel model, Optimizer opt, long steps, Map<String, String> settings, int threads,
              List<TrainCommand.EpochRow> history) throws IOException {
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
        history.forEach(r -> h.append(r.csv()).append('\n'));
        meta.put("history", h.toString());
        SafeTensors.write(state(epoch), tensors, meta);
    }

    /** Loads the last complete checkpoint into {@code net} and {@code opt}; null when the folder has none. */
    Restored restore(Network net, Optimizer opt, Map<String, String> settings, int threads, PrintStream err, boolean quiet) {
        int last = -1;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Matcher m = NAME.matcher(p.getFileName().toString());
                    if (m.matches() && Files.isRegularFile(model(Integer.parseInt(m.group(1))))) {
                        last = Math.max(last, Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                throw new CommandFailure(dir + ": " + Reporter.reason(e), e);
            }
        }
        if (last < 0) {
            if (!quiet) {
                err.println("convkit: no checkpoint in " + dir + " yet; starting from epoch 1");
            }
            return null;
        }
        Path statePath = state(last);
        try {
            SafeTensors.Contents state = SafeTensors.read(statePath);
            if (!STATE_FORMAT.equals(state.metadata().get("convkit.format"))) {
                throw new IOException("not a convkit training state file");
            }
            for (Map.Entry<String, String> e : settings.entrySet()) {
                String was = state.metadata().get("training." + e.getKey());
                if (!e.getValue().equals(was)) {
                    throw new CommandFailure(statePath + ": the checkpoint was made with " + e.getKey() + " '" + was
                            + "', this run has '" + e.getValue() + "'; resume with the same options (or use another --checkpoint-dir)");
                }
            }
            int savedThreads = Integer.parseInt(state.requireMetadata("threads"));
            if (savedThreads != threads && !quiet) {
                err.println("convkit: warning: the checkpoint was made with " + savedThreads + " threads, this run has " + threads
                        + ": the result may differ in the last bits from an uninterrupted run");
            }
            CnnModel saved = CnnModel.load(model(last));
            if (!saved.network().spec().equals(net.spec())) {
                throw new IOException("its model has another architecture");
            }
            net.loadStateDict(saved.network().stateDict());
            net.setSteps(Long.parseLong(state.requireMetadata("network.steps")));
            Map<String, Tensor> optState = CnnModel.engineTensors(state.tensors());
            Tensor step = new Tensor(1);
            step.set(0, state.require("step").longs()[0]);
            optState.put("step", step);
            opt.loadState(optState);
            List<TrainCommand.EpochRow> history = new ArrayList<>();
            state.requireMetadata("history").lines().filter(l -> !l.isBlank()).forEach(l -> history.add(TrainCommand.EpochRow.parse(l)));
            return new Restored(last, statePath, history);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandFailure(statePath + ": cannot resume: " + Reporter.reason(e), e);
        }
    }
}
