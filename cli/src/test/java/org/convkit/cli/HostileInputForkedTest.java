package org.convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.convkit.io.image.PngBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that claim more than they hold, read by a real JVM with a 200 MB heap: what a header declares
 * is never allocated before it is checked, so each ends in one line naming the file and the reason,
 * not in "out of memory". Also the pixel limit's environment variable. (The in-process {@link CliRun}
 * can set neither the heap nor the environment.)
 */
class HostileInputForkedTest {
    @TempDir
    Path tmp;

    /** Runs convkit with {@code -Xmx200m}; returns exit code and standard error without the JVM's incubator note. */
    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx200m", "--add-modules", "jdk.incubator.vector",
                "-Xlog:disable", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
        pb.environment().remove("CONVKIT_MAX_PIXELS");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run ended");
        List<String> err = Files.readAllLines(tmp.resolve("err"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
        return new Result(p.exitValue(), err);
    }

    private record Result(int exit, List<String> err) {}

    @Test
    void hugeImageHeadersAreRefusedWithoutAllocating() throws IOException, InterruptedException {
        Path png = tmp.resolve("bomb.png");
        Files.write(png, PngBytes.png(PngBytes.ihdr(40000, 40000, 8, 0), PngBytes.idat(new byte[40001]), PngBytes.iend()));
        Path pnm = tmp.resolve("bomb.pgm");
        Files.write(pnm, ByteBuffer.allocate(1000).put("P5\n40000 40000\n255\n".getBytes(StandardCharsets.US_ASCII)).array());
        Result r = run(Map.of(), "filter", "-q", "-k", "box:3", png.toString(), pnm.toString(), "-o", tmp.resolve("o").toString());
        assertEquals(1, r.exit(), String.join("\n", r.err()));
        assertEquals(2, r.err().size(), String.join("\n", r.err()));
        assertTrue(r.err().get(0).startsWith("convkit: " + png + ": PNG of 40000x40000") && r.err().get(0).contains("--max-pixels"),
                r.err().get(0));
        assertTrue(r.err().get(1).startsWith("convkit: " + pnm + ": PNM of 40000x40000"), r.err().get(1));
    }

    @Test
    void theEnvironmentVariableSetsTheLimit() throws IOException, InterruptedException {
        Path small = tmp.resolve("small.png");
        Files.write(small, PngBytes.gray(100, 30, 9));
        Result r = run(Map.of("CONVKIT_MAX_PIXELS", "2999"), "filter", "-q", "-k", "box:3", small.toString(), "-o", tmp.resolve("o").toString());
        assertEquals(1, r.exit(), String.join("\n", r.err()));
        assertTrue(r.err().getFirst().contains("small.png: PNG of 100x30 = 3,000 pixels, over the pixel limit of 2,999"), r.err().getFirst());
        Result raised = run(Map.of("CONVKIT_MAX_PIXELS", "2999"), "filter", "-q", "--max-pixels", "3000", "-k", "box:3", small.toString(),
                "-o", tmp.resolve("o2").toString());
        assertEquals(0, raised.exit(), String.join("\n", raised.err()));
    }

    /** A gzip IDX file of 300 MB of zeros (300 KB on disk) whose header declares ten 28x28 images. */
    @Test
    void gzipIdxIsNotInflatedBeyondItsHeader() throws IOException, InterruptedException {
        Path data = tmp.resolve("idx");
        Files.createDirectories(data);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(data.resolve("train-images-idx3-ubyte.gz")), 1 << 16)) {
            out.write(ByteBuffer.allocate(16).putInt(0x803).putInt(10).putInt(28).putInt(28).array());
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) {
                out.write(zeros);
            }
        }
        Files.write(data.resolve("train-labels-idx1-ubyte"), ByteBuffer.allocate(18).putInt(0x801).putInt(10).array());
        Result r = run(Map.of(), "features", "-q", "--type", "pixels", "--data", data.toString(), "-o", tmp.resolve("f.npz").toString());
        assertEquals(1, r.exit(), String.join("\n", r.err()));
        assertEquals(1, r.err().size(), String.join("\n", r.err()));
        assertTrue(r.err().getFirst().contains("train-images-idx3-ubyte.gz: inflates to more than its header declares"), r.err().getFirst());
    }

    /** compare runs its pipelines in-process, each parsing its own arguments: --max-pixels must reach them. */
    @Test
    void compareGivesItsPixelLimitToItsPipelines() throws IOException, InterruptedException {
        Path data = tmp.resolve("folders");
        for (String split : List.of("train", "test")) {
            for (String c : List.of("a", "b")) {
                Files.createDirectories(data.resolve(split + "/" + c));
                for (int i = 0; i < 4; i++) {
                    Files.write(data.resolve(split + "/" + c + "/" + i + ".png"), PngBytes.gray(60, 60, (c.equals("a") ? 30 : 180) + i));
                }
            }
        }
        Result r = run(Map.of("CONVKIT_MAX_PIXELS", "1000"), "compare", "--data", data.toString(), "--pipelines", "pixels",
                "--max-pixels", "3600", "-j", "1", "-o", tmp.resolve("report").toString());
        assertEquals(0, r.exit(), String.join("\n", r.err()));
    }
}
