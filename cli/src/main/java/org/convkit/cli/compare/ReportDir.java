package org.convkit.cli.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.convkit.cli.CommandFailure;
import org.convkit.io.AtomicOutput;

/**
 * The folder a comparison writes:
 * <pre>
 *   results.md, results.csv, results.json      the table
 *   accuracy.png/.svg                          accuracy per pipeline (bars)
 *   accuracy-vs-time.png/.svg                  accuracy against training time (scatter)
 *   confusion/PIPELINE.png                     one confusion matrix per pipeline
 *   models/PIPELINE.cvb|.safetensors           the trained models
 *   runs/PIPELINE.json                         each finished pipeline's row, read back by --resume
 * </pre>
 */
final class ReportDir {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    final Path root;

    ReportDir(Path root) { this.root = root; }

    Path model(Pipeline p) { return root.resolve(modelName(p)); }

    /** The model's path inside the folder, as the run records keep it (so the folder can move). */
    static String modelName(Pipeline p) { return "models/" + p.modelFile(); }

    Path confusion(Pipeline p) { return root.resolve("confusion").resolve(p.label + ".png"); }

    Path run(Pipeline p) { return root.resolve("runs").resolve(p.label + ".json"); }

    Path results(String extension) { return root.resolve("results." + extension); }

    Path chart(String name) { return root.resolve(name); }

    /**
     * Before a run: a folder holding an earlier comparison is continued with --resume, replaced with
     * --overwrite (its finished runs are forgotten), and otherwise left alone.
     */
    void prepare(boolean resume, boolean overwrite) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new CommandFailure(root + ": not a folder (-o takes the report folder)");
        }
        boolean earlier = Files.isDirectory(root.resolve("runs")) || Files.exists(results("md"));
        if (earlier && !resume && !overwrite) {
            throw new CommandFailure(root + ": holds an earlier comparison; --resume continues it, --overwrite starts again");
        }
        if (overwrite && !resume && Files.isDirectory(root.resolve("runs"))) {
            try (Stream<Path> s = Files.list(root.resolve("runs"))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(root.resolve("runs"));
        Files.createDirectories(root.resolve("models"));
        Files.createDirectories(root.resolve("confusion"));
    }

    /** Keeps a finished pipeline's row (atomically: a run killed while writing leaves the previous state). */
    void save(PipelineResult r) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(r);
        AtomicOutput.write(run(r.which()), true, out -> out.write(bytes));
    }

    /** A finished run of {@code p}, if one was kept and its model is still there; unreadable records count as absent. */
    Optional<PipelineResult> finished(Pipeline p) {
        Path f = run(p);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            PipelineResult r = JSON.readValue(f.toFile(), PipelineResult.class);
            return Files.isRegularFile(root.resolve(r.model())) ? Optional.of(r) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
