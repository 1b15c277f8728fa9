package org.convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of heap ends in one line that names the way out, not a stack trace: a real JVM (the in-process
 * {@link CliRun} cannot set the heap) whose 200 MB hold the sample's 3,000 HOG vectors but not their
 * kernel-mapped rows with landmarks, so that the error comes from the SVM's parallel stage.
 */
class OutOfMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void aTooSmallHeapIsOneLineNamingConvkitJavaOpts() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path model = tmp.resolve("m.cvb");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx200m", "--add-modules", "jdk.incubator.vector",
                "-Xlog:disable", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "baseline", "train", "--data", CliRun.TESTDATA.resolve("fashion-mnist-sample").toString(), "--kernel-map", "chi2",
                "-q", "-o", model.toString()))
                .redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run ended");
        List<String> err = Files.readAllLines(tmp.resolve("err"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
        assertEquals(1, p.exitValue(), String.join("\n", err));
        assertEquals(1, err.size(), String.join("\n", err));
        assertTrue(err.getFirst().startsWith("convkit: out of memory (the JVM may use 0.2 GB); give it more with CONVKIT_JAVA_OPTS=-Xmx"),
                err.getFirst());
        assertFalse(Files.exists(model), "no model is written");
    }
}
