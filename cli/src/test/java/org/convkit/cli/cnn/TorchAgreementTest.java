package org.convkit.cli.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.convkit.cli.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A convkit model file loads into the equivalent PyTorch module (testdata/cnn/check_torch.py, Debian's
 * python3-torch) and both give the same logits, to 1e-4, on 40 Fashion-MNIST test images. Skipped where
 * /usr/bin/python3 with torch is missing (JUnit must not need Python).
 */
class TorchAgreementTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = CliRun.TESTDATA.resolve("cnn/check_torch.py");

    @TempDir
    Path tmp;

    private static boolean torchPresent() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "vgg-small", "resnet-small"})
    void pytorchGivesTheSameLogits(String arch) throws Exception {
        assumeTrue(torchPresent(), "/usr/bin/python3 with torch is not installed");
        Path model = tmp.resolve(arch + ".safetensors"), preds = tmp.resolve(arch + ".json");
        // a few steps, so that the BatchNorm running statistics and every weight have moved from their start
        CliRun t = CliRun.run("cnn", "train", "--arch", arch, "--data", CnnCommandTest.FASHION.toString(), "--limit", "96",
                "--epochs", "1", "--batch", "32", "-q", "-o", model.toString());
        assertEquals(0, t.exitCode(), t.stderr());
        CliRun p = CliRun.run("cnn", "predict", "--model", model.toString(), "--data", CnnCommandTest.FASHION.toString(),
                "--split", "test", "--limit", "40", "--format", "json", "--logits");
        assertEquals(0, p.exitCode(), p.stderr());
        Files.write(preds, p.stdout());
        Process py = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), model.toString(), preds.toString(),
                CnnCommandTest.FASHION.toString()).redirectErrorStream(true).start();
        String out = new String(py.getInputStream().readAllBytes());
        assertEquals(true, py.waitFor(300, TimeUnit.SECONDS), "check_torch.py timed out");
        assertEquals(0, py.exitValue(), out);
    }
}
