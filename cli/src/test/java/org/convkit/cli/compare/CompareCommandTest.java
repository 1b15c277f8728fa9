package org.convkit.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.convkit.cli.CliRun;
import org.convkit.io.data.DataSets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convkit compare} in process on the Fashion-MNIST sample with small budgets: the files it writes,
 * --resume reading finished pipelines back (and only those made the same way), the clobber rule, and bad
 * input as one line. The full demo (every file, accuracies) is DemoCommandTest's.
 */
class CompareCommandTest {
    private static final Path FASHION = CliRun.TESTDATA.resolve("fashion-mnist-sample");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path report;
    static CliRun first;

    @BeforeAll
    static void compareOnce() {
        report = tmp.resolve("report");
        first = compare(report, "pixels", "--format", "csv");
        assertEquals(0, first.exitCode(), first.stderr());
    }

    private static CliRun compare(Path dir, String pipelines, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("compare", "--data", FASHION.toString(), "--pipelines", pipelines,
                "--train-sample", "300", "--test-sample", "200", "--epochs", "1", "-o", dir.toString(), "-j", "2"));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void writesTheTableInThreeFormatsAndPrintsTheChosenOne() throws IOException {
        String csv = Files.readString(report.resolve("results.csv"));
        assertEquals(csv, first.out(), "--format csv prints results.csv");
        String[] lines = csv.strip().split("\n");
        assertEquals(2, lines.length, csv);
        assertTrue(lines[1].startsWith("pixels,shallow,raw pixels + linear SVM,784,features,"), lines[1]);
        JsonNode json = JSON.readTree(report.resolve("results.json").toFile());
        double accuracy = json.get("pipelines").get(0).get("accuracy").asDouble();
        assertTrue(accuracy > 0.5, "pixels + SVM on 300 images: " + accuracy);
        assertEquals(200, json.get("pipelines").get(0).get("test_images").asInt());
        String md = Files.readString(report.resolve("results.md"));
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "| pixels | shallow | 784 features |")), md);
        assertTrue(md.contains("trained on a stratified sample of 300 of the 3,000 training images"), md);
        for (String f : List.of("accuracy.png", "accuracy.svg", "accuracy-vs-time.png", "accuracy-vs-time.svg",
                "confusion/pixels.png", "models/pixels.cvb", "runs/pixels.json")) {
            assertTrue(Files.size(report.resolve(f)) > 100, f);
        }
        assertTrue(first.stderr().contains("[1/1] pixels: accuracy"), first.stderr());
        assertTrue(first.stderr().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("convkit compare: 1 pipeline in "),
                first.stderr());
    }

    @Test
    void resumeReadsFinishedPipelinesBackAndTrainsTheRest() throws IOException {
        Path dir = tmp.resolve("resume");
        assertEquals(0, compare(dir, "pixels").exitCode());
        Path model = dir.resolve("models/pixels.cvb");
        FileTime before = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(model, before);

        CliRun again = compare(dir, "pixels");
        assertEquals(1, again.exitCode(), "an earlier comparison is not clobbered");
        assertEquals(1, again.errLines().length, again.stderr());
        assertTrue(again.stderr().contains("holds an earlier comparison; --resume continues it, --overwrite starts again"), again.stderr());

        CliRun resumed = compare(dir, "pixels,hog-chi2", "--resume");
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertTrue(resumed.stderr().contains("[1/2] pixels: read back from"), resumed.stderr());
        assertTrue(resumed.stderr().contains("[2/2] hog-chi2: accuracy"), resumed.stderr());
        assertTrue(resumed.stderr().contains("1 read back"), resumed.stderr());
        assertEquals(before, Files.getLastModifiedTime(model), "pixels was not trained again");
        assertTrue(resumed.out().contains("| pixels |") && resumed.out().contains("| hog-chi2 |"), resumed.out());
        assertEquals("chi2 order 1", org.convkit.cli.baseline.BaselineModel.load(dir.resolve("models/hog-chi2.cvb")).training()
                .get("kernel_map"), "hog-chi2 trains with the chi2 map");

        CliRun otherSeed = compare(dir, "pixels", "--resume", "--seed", "1");
        assertEquals(0, otherSeed.exitCode(), otherSeed.stderr());
        assertFalse(otherSeed.stderr().contains("read back"), "a run made with other settings is not reused: " + otherSeed.stderr());
        assertTrue(Files.readString(dir.resolve("runs/pixels.json")).contains("--seed 1"), "the new run replaces the old record");
    }

    @Test
    void badInputIsOneLine() throws IOException {
        CliRun missing = CliRun.run("compare", "--data", tmp.resolve("nowhere").toString(), "-o", tmp.resolve("r1").toString());
        assertEquals(1, missing.exitCode());
        assertEquals(1, missing.errLines().length, missing.stderr());
        assertTrue(missing.stderr().contains("nowhere: no such file or folder"), missing.stderr());

        Path flat = Files.createDirectories(tmp.resolve("flat/cats"));
        Files.copy(CliRun.IMAGES.resolve("camera-crop.png"), flat.resolve("a.png"));
        Files.createDirectories(tmp.resolve("flat/dogs"));
        Files.copy(CliRun.IMAGES.resolve("coins.png"), tmp.resolve("flat/dogs/b.png"));
        CliRun noTest = CliRun.run("compare", "--data", tmp.resolve("flat").toString(), "-o", tmp.resolve("r2").toString());
        assertEquals(1, noTest.exitCode());
        assertEquals(1, noTest.errLines().length, noTest.stderr());
        assertTrue(noTest.stderr().contains("has no separate test split") && noTest.stderr().contains("--test-data"), noTest.stderr());

        CliRun unknown = CliRun.run("compare", "--data", FASHION.toString(), "--pipelines", "hog,alexnet", "-o", tmp.resolve("r3").toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("unknown pipeline 'alexnet'"), unknown.stderr());
        assertFalse(Files.exists(tmp.resolve("r3")), "nothing written on a usage error");

        CliRun format = CliRun.run("compare", "--data", FASHION.toString(), "--format", "xml", "-o", tmp.resolve("r4").toString());
        assertEquals(2, format.exitCode());
        assertTrue(format.stderr().contains("--format takes md, csv or json"), format.stderr());
    }

    @Test
    void pipelineListsAndGroups() {
        assertEquals(Pipeline.DEFAULTS, Pipeline.parseList("default"));
        assertEquals(List.of(Pipeline.LENET5, Pipeline.VGG_SMALL, Pipeline.RESNET_SMALL), Pipeline.parseList("deep"));
        assertEquals(List.of(Pipeline.HOG, Pipeline.PIXELS), Pipeline.parseList(" hog, pixels ,hog"));
        assertEquals(9, Pipeline.parseList("all").size());
        assertTrue(!Pipeline.DEFAULTS.contains(Pipeline.HOG_CHI2) && Pipeline.parseList("shallow").contains(Pipeline.HOG_CHI2));
        assertEquals(List.of("baseline", "train", "--features", "hog", "--kernel-map", "chi2"),
                Pipeline.parseList("hog-chi2").getFirst().trainCommand());
        assertThrows(IllegalArgumentException.class, () -> Pipeline.parseList(","));
    }

    @Test
    void publishedFiguresOnlyForFashionMnistAndOnlyWhereAMethodMatches() {
        List<String> fashion = DataSets.FASHION_MNIST_CLASSES;
        assertEquals(0.926, PublishedReference.of(Pipeline.HOG, fashion).orElseThrow().accuracy());
        assertEquals(0.926, PublishedReference.of(Pipeline.HOG_CHI2, fashion).orElseThrow().accuracy());
        assertEquals(0.934, PublishedReference.of(Pipeline.VGG_SMALL, fashion).orElseThrow().accuracy());
        assertEquals(0.949, PublishedReference.of(Pipeline.RESNET_SMALL, fashion).orElseThrow().accuracy());
        assertTrue(PublishedReference.of(Pipeline.LENET5, fashion).isEmpty());
        assertTrue(PublishedReference.of(Pipeline.HOG, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")).isEmpty());
    }
}
