package org.convkit.cli.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.convkit.cli.CliRun;
import org.convkit.io.model.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnn train --init}: the scheme reaches the network and is recorded in the model. With a learning
 * rate of 1e-30 the saved weights are the initial ones (to about 1e-30), so the biases show the scheme: all zero under
 * the default (he), uniform in +-1/sqrt(fan-in) under torch.
 */
class InitOptionTest {
    static final String NET = "conv(8,3,pad=1) relu maxpool(2) flatten fc(10)";

    @TempDir
    Path tmp;

    private SafeTensors.Contents train(String name, String... init) throws IOException {
        Path out = tmp.resolve(name + ".safetensors");
        String[] base = {"cnn", "train", "-q", "--arch", NET, "--data", CnnCommandTest.FASHION.toString(), "--limit", "64",
                "--epochs", "1", "--batch", "32", "--threads", "1", "--lr", "1e-30", "-o", out.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(init)).toArray(String[]::new);
        CliRun r = CliRun.run(args);
        assertEquals(0, r.exitCode(), r.stderr());
        return SafeTensors.read(out);
    }

    @Test
    void torchDrawsBiasesWithinOneOverSqrtFanInAndIsRecorded() throws IOException {
        SafeTensors.Contents he = train("he");
        assertEquals("he", he.metadata().get("training.init"));
        for (float b : he.tensors().get("0.bias").floats()) {
            assertTrue(Math.abs(b) < 1e-20, "he starts biases at 0, the step moves them by about 1e-30: " + b);
        }
        SafeTensors.Contents torch = train("torch", "--init", "TORCH");
        assertEquals("torch", torch.metadata().get("training.init"));
        float convBound = (float) (1 / Math.sqrt(9)), fcBound = (float) (1 / Math.sqrt(8 * 14 * 14));
        int nonZero = 0;
        for (float b : torch.tensors().get("0.bias").floats()) {
            assertTrue(Math.abs(b) <= convBound, "conv bias " + b);
            nonZero += Math.abs(b) > 1e-20 ? 1 : 0;
        }
        assertEquals(8, nonZero);
        for (float w : torch.tensors().get("4.weight").floats()) {
            assertTrue(Math.abs(w) <= fcBound, "fc weight " + w);
        }
    }

    @Test
    void anUnknownSchemeIsAUsageErrorNamingTheChoices() {
        CliRun r = CliRun.run("cnn", "train", "--arch", NET, "--data", CnnCommandTest.FASHION.toString(), "--init", "lecun",
                "-o", tmp.resolve("x.safetensors").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("--init takes he, xavier or torch, got 'lecun'"), r.stderr());
    }
}
