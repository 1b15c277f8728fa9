package org.convkit.cli.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.Main;
import org.convkit.cli.Streams;
import org.convkit.cli.baseline.BaselineModel;
import org.convkit.cli.cnn.CnnModel;

/**
 * Trains and evaluates one pipeline by running, in this process, the same {@code convkit baseline} or
 * {@code convkit cnn} command lines a user would type: {@code train ... -o MODEL}, then
 * {@code eval --model MODEL --json}, whose JSON report gives the accuracy, the confusion matrix and the
 * seconds it took. The training time is the train command's wall time; the inference speed is test
 * images per second of the eval command (reading the images and, for shallow pipelines, extracting
 * their features included; loading the model not).
 */
final class PipelineRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Streams streams;
    private final boolean details;
    private final int jobs;
    private final Path data;
    private final Path testData;
    private final long seed;

    /** {@code details}: let the commands print their stage lines and epochs (else they run with -q). */
    PipelineRunner(Streams streams, boolean details, int jobs, Path data, Path testData, long seed) {
        this.streams = streams;
        this.details = details;
        this.jobs = jobs;
        this.data = data;
        this.testData = testData;
        this.seed = seed;
    }

    /**
     * Runs one pipeline, writing its model to {@code model} (recorded as {@code modelName}, relative to the
     * report folder); a failure of either command is a {@link CommandFailure}.
     */
    PipelineResult run(Pipeline p, Budget budget, Path model, String modelName) throws IOException {
        List<String> train = new ArrayList<>(p.trainCommand());
        train.addAll(common());
        train.addAll(List.of("--data", data.toString()));
        train.addAll(budget.trainArgs(p, seed));
        train.addAll(List.of("-o", model.toString(), "--overwrite"));
        java.nio.file.Files.deleteIfExists(model); // a failed run must not leave an older model to be evaluated
        long t0 = System.nanoTime();
        Captured trained = execute(train);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        if (trained.code != ExitCodes.OK && !java.nio.file.Files.exists(model)) {
            throw new CommandFailure(p.label + ": training failed (convkit " + String.join(" ", train) + ")");
        }

        List<String> eval = new ArrayList<>(p.evalCommand());
        eval.addAll(common());
        eval.addAll(List.of("--model", model.toString(), "--data", testData.toString(), "--split", "test", "--json"));
        eval.addAll(budget.testArgs(seed));
        long e0 = System.nanoTime();
        Captured evaluated = execute(eval);
        double evalSeconds = (System.nanoTime() - e0) / 1e9;
        JsonNode report;
        try {
            report = JSON.readTree(evaluated.out);
        } catch (IOException e) {
            report = null;
        }
        if (report == null || !report.has("accuracy")) {
            throw new CommandFailure(p.label + ": evaluation failed (convkit " + String.join(" ", eval) + ")");
        }
        int samples = report.get("samples").asInt();
        double seconds = report.has("seconds") ? report.get("seconds").asDouble() : evalSeconds; // the command's own, model loading excluded
        List<String> classes = new ArrayList<>();
        report.get("classes").forEach(c -> classes.add(c.asText()));
        long[][] confusion = JSON.convertValue(report.get("confusion"), long[][].class);
        return new PipelineResult(p.label, p.kind.label(), p.description, size(p, model), trainSeconds, samples / seconds,
                report.get("accuracy").asDouble(), samples, modelName, classes, confusion, absolute(data),
                absolute(testData), budget.fingerprint(p, seed));
    }

    /** The SVM's input dimension, or the network's parameter count, read back from the model file. */
    private static long size(Pipeline p, Path model) throws IOException {
        return p.kind == Kind.SHALLOW ? BaselineModel.load(model).classifier().inputDimension()
                : CnnModel.load(model).network().summary().totalParams();
    }

    /** Paths as kept in the run records, so that --resume from another working folder still recognises them. */
    static String absolute(Path p) { return p.toAbsolutePath().normalize().toString(); }

    private List<String> common() {
        // each Main.run sets the pixel limit from its own arguments: pass on the one compare was given
        List<String> a = new ArrayList<>(List.of("-j", Integer.toString(jobs), "--max-pixels", org.convkit.io.image.PixelLimit.asOption()));
        if (!details) {
            a.add("-q");
        }
        return a;
    }

    private record Captured(int code, String out) {}

    /** Runs a convkit command line here; standard error goes to ours (failures are always reported), standard output is kept. */
    private Captured execute(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            int code = Main.run(new Streams(streams.in(), ps, streams.err()), args.toArray(String[]::new));
            ps.flush();
            return new Captured(code, out.toString(StandardCharsets.UTF_8));
        }
    }
}
