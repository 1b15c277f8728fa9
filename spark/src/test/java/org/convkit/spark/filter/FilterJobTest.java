package org.convkit.spark.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.convkit.spark.Fixtures;
import org.convkit.spark.SharedSpark;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter job writes the files convkit filter writes, byte for byte, with its options, and clobbers nothing. */
class FilterJobTest {
    @TempDir
    Path tmp;

    /** The sample images (8- and 16-bit, gray, RGB, RGBA, JPEG), a sub-folder, and a damaged file. */
    private Path inputs() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("sub"));
        try (var s = Files.list(Fixtures.IMAGES)) {
            for (Path p : s.filter(p -> !p.toString().endsWith(".md")).sorted().toList()) {
                Files.copy(p, in.resolve(p.getFileName()));
            }
        }
        Files.copy(Fixtures.IMAGES.resolve("coins.png"), in.resolve("sub/coins-again.png"));
        Files.write(in.resolve("sub/damaged.png"), java.util.Arrays.copyOf(Files.readAllBytes(Fixtures.IMAGES.resolve("camera.png")), 300));
        return in;
    }

    @Test
    void filesEqualConvkitFilterByteForByte() throws IOException {
        Path in = inputs();
        sameFiles(in, "-r", "-k", "gaussian:sigma=2");
        sameFiles(in, "-r", "-k", "sobel-x", "-b", "replicate", "--depth", "float", "-f", "npy", "--suffix", "_gx");
        sameFiles(in, "-k", "median:size=3", "-k", "sharpen", "--range", "abs");
    }

    private void sameFiles(Path in, String... options) throws IOException {
        String name = String.join("-", options).replaceAll("[^a-z0-9]+", "_");
        Path cliOut = tmp.resolve("cli-" + name);
        Path jobOut = tmp.resolve("job-" + name);
        List<String> cli = new ArrayList<>(List.of("filter", "-q"));
        cli.addAll(List.of(options));
        cli.addAll(List.of(in.toString(), "-o", cliOut.toString()));
        Fixtures.Run expected = Fixtures.cli(cli.toArray(String[]::new));
        List<String> job = new ArrayList<>(List.of("filter"));
        job.addAll(List.of(options));
        job.addAll(List.of(in.toString(), "-o", jobOut.toString()));
        Fixtures.Run run = Fixtures.job(job.toArray(String[]::new));
        assertEquals(expected.exitCode(), run.exitCode(), expected.stderr() + run.stderr());
        Map<Path, byte[]> want = tree(cliOut);
        Map<Path, byte[]> got = tree(jobOut);
        assertEquals(want.keySet(), got.keySet());
        for (var e : want.entrySet()) {
            assertArrayEquals(e.getValue(), got.get(e.getKey()), e.getKey().toString());
        }
        if (List.of(options).contains("-r")) {
            List<Row> errors = SharedSpark.get().read().json(jobOut + "-errors").collectAsList();
            assertEquals(1, errors.size());
            assertTrue(Fixtures.localPath(errors.get(0).getAs("path")).endsWith("sub/damaged.png"), errors.toString());
            assertTrue(expected.stderr().contains(errors.get(0).getAs("reason")), expected.stderr() + errors);
        }
    }

    @Test
    void existingFilesAreKeptUnlessOverwrite() throws IOException {
        Path in = tmp.resolve("few");
        Files.createDirectories(in);
        Files.copy(Fixtures.IMAGES.resolve("coins.png"), in.resolve("coins.png"));
        Files.copy(Fixtures.IMAGES.resolve("camera-crop.png"), in.resolve("camera-crop.png"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("coins.png"), "mine");
        Fixtures.Run run = Fixtures.job("filter", "-k", "box:size=3", in.toString(), "-o", out.toString());
        assertEquals(1, run.exitCode(), run.stderr());
        assertEquals("mine", Files.readString(out.resolve("coins.png")));
        assertTrue(Files.size(out.resolve("camera-crop.png")) > 0);
        Row error = SharedSpark.get().read().json(out + "-errors").collectAsList().get(0);
        assertTrue(error.<String>getAs("reason").endsWith("exists; --overwrite replaces it"), error.toString());
        try (var s = Files.list(out)) {
            assertEquals(List.of("camera-crop.png", "coins.png"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left behind");
        }
        assertEquals(0, Fixtures.job("filter", "-k", "box:size=3", in.toString(), "-o", out.toString(), "--overwrite").exitCode());
        assertTrue(Files.size(out.resolve("coins.png")) > 4);
    }

    /**
     * Every option of convkit filter is the job's, with the same default, but those for lists of files,
     * threads and the console, and --max-pixels (the executors keep convkit's default limit).
     */
    @Test
    void theOptionsAreConvkitFilters() {
        CommandLine cli = new CommandLine(new org.convkit.cli.filter.FilterCommand());
        CommandLine job = new CommandLine(new FilterJob());
        List<String> outsideAJob = List.of("--files-from", "-j", "-q", "-v", "--max-pixels");
        for (OptionSpec o : cli.getCommandSpec().options()) {
            if (outsideAJob.contains(o.shortestName())) {
                continue;
            }
            OptionSpec mine = job.getCommandSpec().findOption(o.longestName());
            assertNotNull(mine, o.longestName());
            assertEquals(List.of(o.names()), List.of(mine.names()), o.longestName());
            assertEquals(o.defaultValue(), mine.defaultValue(), o.longestName());
        }
    }

    private static Map<Path, byte[]> tree(Path root) throws IOException {
        Map<Path, byte[]> m = new TreeMap<>();
        if (!Files.exists(root)) {
            return m;
        }
        try (var s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p), Files.readAllBytes(p));
            }
        }
        return m;
    }
}
