package org.convkit.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convkit demo} end to end, in process, on a smaller budget than the real one (three pipelines,
 * 1,000 training and 500 test images) so that the suite stays short: every step's files exist, the
 * table is printed, and each pipeline is far above chance (0.1 on ten classes).
 */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void runsEveryStepAndEndsWithTheTableAndTheChart() throws IOException {
        Path out = tmp.resolve("demo");
        CliRun r = CliRun.run("demo", "-o", out.toString(), "--pipelines", "pixels,hog,lenet5",
                "--train-sample", "1000", "--test-sample", "500", "-j", "2");
        assertEquals(0, r.exitCode(), r.stderr());
        String text = r.out();

        try (Stream<Path> s = Files.walk(out.resolve("filtered"))) {
            assertTrue(s.filter(Files::isRegularFile).count() >= 7, "seven filters of the sample images");
        }
        assertTrue(text.contains("under " + out.resolve("filtered")), text);
        assertTrue(Files.size(out.resolve("hog/camera-hog.png")) > 1000);
        assertTrue(Files.size(out.resolve("hog/camera-hog.npy")) > 100_000, "63x63 blocks x 36 floats");
        assertTrue(text.contains(out.resolve("hog/camera-hog.png").toString()), text);

        Path report = out.resolve("compare");
        for (String f : List.of("results.md", "results.csv", "results.json", "accuracy.png", "accuracy.svg",
                "accuracy-vs-time.png", "accuracy-vs-time.svg", "confusion/pixels.png", "confusion/hog.png", "confusion/lenet5.png")) {
            assertTrue(Files.isRegularFile(report.resolve(f)) && Files.size(report.resolve(f)) > 100, f);
        }
        assertTrue(text.contains("| pipeline | kind | features / parameters | training (s) | inference (images/s) | accuracy | published |"), text);
        assertTrue(text.contains("| hog | shallow | 3,924 features |") && text.contains("| lenet5 | deep | 61,706 parameters |"), text);
        assertTrue(text.contains("0.926 (HOG+SVM)*"), "the published figure beside hog: " + text);
        assertTrue(text.strip().contains("the chart:   " + report.resolve("accuracy.png")), text);

        JsonNode json = new ObjectMapper().readTree(report.resolve("results.json").toFile());
        assertEquals(3, json.get("pipelines").size());
        for (JsonNode p : json.get("pipelines")) {
            double a = p.get("accuracy").asDouble();
            assertTrue(a > 0.6, p.get("pipeline").asText() + " accuracy " + a + " should be far above chance (0.1)");
            assertEquals(500, p.get("test_images").asInt());
        }
    }
}
