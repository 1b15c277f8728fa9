package org.convkit.cli.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.convkit.cli.CliRun;
import org.convkit.features.svm.CSearch;
import org.convkit.io.data.DataSet;
import org.convkit.io.model.InputShape;
import org.convkit.io.data.DataSets;
import org.convkit.io.data.Sample;
import org.convkit.io.data.Split;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.ImageDecoder;
import org.convkit.io.model.SafeTensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convkit baseline} end to end, in process, on the Fashion-MNIST sample (IDX .gz): train, eval,
 * predict, the model file's round trip, and every kind of bad input giving one line and the project's
 * exit codes (1 failure, 2 usage).
 */
class BaselineCommandTest {
    private static final Path FASHION = CliRun.TESTDATA.resolve("fashion-mnist-sample");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path hogModel;
    static Path images;      // 20 test images as 28x28 gray PNG
    static List<Sample> samples;

    @BeforeAll
    static void trainOnce() throws IOException {
        hogModel = tmp.resolve("hog.cvb");
        CliRun r = CliRun.run("baseline", "train", "--features", "hog", "--data", FASHION.toString(), "--sample", "800",
                "-o", hogModel.toString(), "-j", "2");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("[1/3] hog features of 800 images: 3924 values each"), r.stderr()); // cells 3, 4 and 7
        assertTrue(r.stderr().contains("[3/3] wrote"), r.stderr());
        images = Files.createDirectories(tmp.resolve("images"));
        samples = new ArrayList<>();
        try (DataSet ds = DataSets.open(FASHION, Split.TEST)) {
            for (int i = 0; i < 20; i++) {
                Sample s = ds.get(i);
                samples.add(s);
                ImageIO.write(gray(s.image()), "png", images.resolve(String.format("%02d.png", i)).toFile());
            }
        }
    }

    private static BufferedImage gray(DecodedImage img) {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_BYTE_GRAY);
        float[] d = img.image().channel(0).data();
        for (int i = 0; i < d.length; i++) {
            b.getRaster().setSample(i % img.width(), i / img.width(), 0, Math.round(d[i]));
        }
        return b;
    }

    @Test
    void evalPrintsAccuracyFirstAndWellAboveChance() {
        CliRun r = CliRun.run("baseline", "eval", "--model", hogModel.toString(), "--data", FASHION.toString(), "--limit", "400", "-q");
        assertEquals(0, r.exitCode(), r.stderr());
        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.matches("accuracy: 0\\.\\d{4}"), first);
        double acc = Double.parseDouble(first.substring("accuracy: ".length()));
        assertTrue(acc > 0.7, "hog + linear SVM on 800 training images: " + acc + " (chance is 0.1)");
        assertTrue(r.out().contains("Ankle boot"), r.out());
        assertTrue(r.out().contains("confusion matrix"), r.out());
        assertEquals("", r.stderr());
    }

    @Test
    void jsonIsOneObjectWithTheSameAccuracy() throws IOException {
        CliRun text = CliRun.run("baseline", "eval", "-m", hogModel.toString(), "--data", FASHION.toString(), "--limit", "200", "-q");
        CliRun json = CliRun.run("baseline", "eval", "-m", hogModel.toString(), "--data", FASHION.toString(), "--limit", "200", "-q", "--json");
        assertEquals(0, json.exitCode(), json.stderr());
        assertEquals(1, json.out().strip().lines().count());
        JsonNode j = JSON.readTree(json.out());
        assertEquals(text.out().lines().findFirst().orElseThrow(), String.format(java.util.Locale.ROOT, "accuracy: %.4f", j.get("accuracy").asDouble()));
        assertEquals(200, j.get("samples").asInt());
        assertEquals("test", j.get("split").asText());
        assertEquals("hog", j.get("features").asText());
        assertEquals(10, j.get("per_class").size());
        long total = 0;
        for (JsonNode row : j.get("confusion")) {
            for (JsonNode v : row) {
                total += v.asLong();
            }
        }
        assertEquals(200, total);
        assertTrue(j.get("top_k").get("5").asDouble() >= j.get("accuracy").asDouble());
    }

    @Test
    void predictPrintsPathClassScoreAndAgreesWithTheModel() throws IOException {
        List<String> args = new ArrayList<>(List.of("baseline", "predict", "--model", hogModel.toString()));
        for (int i = 0; i < 20; i++) {
            args.add(images.resolve(String.format("%02d.png", i)).toString());
        }
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.out().lines().toList();
        assertEquals(20, CliRun.run("baseline", "predict", "--model", hogModel.toString(), images.toString()).out().lines().count());
        assertEquals(20, lines.size());
        BaselineModel model = BaselineModel.load(hogModel);
        int right = 0;
        for (int i = 0; i < 20; i++) {
            String[] f = lines.get(i).split("\t");
            assertEquals(3, f.length, lines.get(i));
            assertTrue(f[0].endsWith(String.format("%02d.png", i)), f[0]);
            float[] s = model.scores(samples.get(i).image());
            int best = org.convkit.cli.report.ClassificationReport.argmax(s);
            assertEquals(model.classes().get(best), f[1]);
            assertEquals(String.format(java.util.Locale.ROOT, "%.4f", s[best]), f[2]);
            right += best == samples.get(i).label() ? 1 : 0;
        }
        assertTrue(right >= 12, right + " of 20 right");

        CliRun top = CliRun.run("baseline", "predict", "-m", hogModel.toString(), "--top", "3", images.resolve("00.png").toString());
        List<String> t = top.out().lines().toList();
        assertEquals(3, t.size());
        assertEquals(lines.getFirst(), t.getFirst());
        double s0 = Double.parseDouble(t.get(0).split("\t")[2]), s2 = Double.parseDouble(t.get(2).split("\t")[2]);
        assertTrue(s0 >= s2);
    }

    @Test
    void saveLoadSaveKeepsEveryByteAndEveryScore() throws IOException {
        BaselineModel m = BaselineModel.load(hogModel);
        Path again = tmp.resolve("again.cvb");
        m.save(again);
        assertArrayEquals(Files.readAllBytes(hogModel), Files.readAllBytes(again));
        BaselineModel m2 = BaselineModel.load(again);
        for (Sample s : samples) {
            assertArrayEquals(m.scores(s.image()), m2.scores(s.image()));
        }
        assertEquals(m.input(), new InputShape(28, 28, 1));
        assertEquals(10, m.classes().size());
    }

    @Test
    void denseSiftFisherAndPixelsModelsRoundTrip() throws IOException {
        for (String[] args : List.of(
                new String[] {"--features", "dsift-fv", "--clusters", "4", "--pca", "16", "--descriptors", "5000", "--C", "1"},
                new String[] {"--features", "dsift-bovw", "--clusters", "32", "--descriptors", "5000", "--kernel-map", "hellinger", "--C", "1"},
                new String[] {"--features", "pixels", "--C", "0.01"},
                new String[] {"--features", "gist", "--size", "32", "--orientations", "4,4", "--C", "0.01"})) { // C's search is tested on its own
            Path model = tmp.resolve(args[1] + ".cvb");
            List<String> cmd = new ArrayList<>(List.of("baseline", "train", "--data", FASHION.toString(), "--sample", "300",
                    "-o", model.toString(), "-q"));
            cmd.addAll(List.of(args));
            CliRun r = CliRun.run(cmd.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.stderr());
            BaselineModel m = BaselineModel.load(model);
            assertEquals(args[1], m.features().feature().label());
            Path again = tmp.resolve(args[1] + "-again.cvb");
            m.save(again);
            BaselineModel m2 = BaselineModel.load(again);
            assertEquals(m.features().describe(), m2.features().describe());
            for (Sample s : samples.subList(0, 5)) {
                float[] v = m.features().vector(s.image());
                // GIST's FFTs can differ in the last bit from one call to the next (seen in HogGistCommandTest too)
                assertArrayEquals(v, m2.features().vector(s.image()), args[1].equals("gist") ? 1e-6f : 0f, args[1]);
                assertArrayEquals(m.classifier().scores(v), m2.classifier().scores(v), args[1]);
            }
            CliRun e = CliRun.run("baseline", "eval", "-m", model.toString(), "--data", FASHION.toString(), "--limit", "200", "-q");
            assertEquals(0, e.exitCode(), e.stderr());
            double acc = Double.parseDouble(e.out().lines().findFirst().orElseThrow().substring(10));
            assertTrue(acc > 0.4, args[1] + " on 300 training images: " + acc);
        }
    }

    @Test
    void hogDefaultsForTheBaselineAndTheUsersChoices() throws IOException {
        assertEquals(Map.of("cell_rows", "3,4,7", "block_rows", "2", "block_norm", "L1-sqrt", "transform_sqrt", "true"),
                pick(BaselineModel.load(hogModel).features().describe()));
        assertEquals("5-fold cross-validation", BaselineModel.load(hogModel).training().get("C_selection"));
        Path chi2 = tmp.resolve("chi2.cvb");
        assertEquals(0, CliRun.run("baseline", "train", "--data", FASHION.toString(), "--sample", "100", "--kernel-map", "chi2",
                "-o", chi2.toString(), "-q").exitCode());
        assertEquals("L1", BaselineModel.load(chi2).features().describe().get("block_norm"));
        assertEquals("5-fold cross-validation", BaselineModel.load(chi2).training().get("C_selection"));
        // under chi2, hog takes signed orientations, the 7x7 intensity and exp-chi2 landmarks (at most the training set's size)
        assertEquals("4", BaselineModel.load(chi2).features().describe().get("intensity_cell"));
        assertEquals("100 gamma 6", BaselineModel.load(chi2).training().get("landmarks"));
        assertEquals("true", BaselineModel.load(chi2).features().describe().get("signed"));
        assertEquals("18", BaselineModel.load(chi2).features().describe().get("orientations"));
        assertEquals("false", BaselineModel.load(hogModel).features().describe().get("signed"));
        assertEquals("9", BaselineModel.load(hogModel).features().describe().get("orientations"));
        Path unsignedChi2 = tmp.resolve("chi2-unsigned.cvb");
        assertEquals(0, CliRun.run("baseline", "train", "--data", FASHION.toString(), "--sample", "100", "--kernel-map", "chi2",
                "--no-signed", "--landmarks", "0", "--C", "3", "-o", unsignedChi2.toString(), "-q").exitCode());
        assertEquals("false", BaselineModel.load(unsignedChi2).features().describe().get("signed"));
        assertEquals("9", BaselineModel.load(unsignedChi2).features().describe().get("orientations"));
        assertEquals(null, BaselineModel.load(hogModel).features().describe().get("intensity_cell"));
        assertEquals(null, BaselineModel.load(hogModel).training().get("landmarks"));
        Path plain = tmp.resolve("chi2-plain.cvb");
        assertEquals(0, CliRun.run("baseline", "train", "--data", FASHION.toString(), "--sample", "100", "--kernel-map", "chi2",
                "--intensity", "0", "--landmarks", "0", "--C", "3", "-o", plain.toString(), "-q").exitCode());
        assertEquals(7848 * 3, BaselineModel.load(plain).classifier().svm().dimension()); // signed: 18 orientations
        Path sk = tmp.resolve("skimage.cvb");
        assertEquals(0, CliRun.run("baseline", "train", "--data", FASHION.toString(), "--sample", "100", "--no-transform-sqrt",
                "--block-norm", "L2-Hys", "--cell", "7", "--block", "1", "-o", sk.toString(), "-q").exitCode());
        assertEquals(Map.of("cell_rows", "7", "block_rows", "1", "block_norm", "L2-Hys", "transform_sqrt", "false"),
                pick(BaselineModel.load(sk).features().describe()));
    }

    /**
     * By default C is chosen by 5-fold cross-validation on the training images: one summary line, a line per
     * candidate with -v, the scores in the model; one value fixes C, several are each scored.
     */
    @Test
    void cIsChosenOnTheTrainingSetUnlessFixed() throws IOException {
        String[] data = {"baseline", "train", "--data", FASHION.toString(), "--sample", "300", "--cell", "4"};
        Path auto = tmp.resolve("auto.cvb");
        CliRun r = CliRun.run(concat(data, "-o", auto.toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, String> t = BaselineModel.load(auto).training();
        assertEquals("5-fold cross-validation", t.get("C_selection"));
        List<String> scored = List.of(t.get("C_scores").split(" "));
        assertTrue(scored.size() >= 3 && scored.getFirst().startsWith("1e-05:"), "1296 standardised values: the grid starts at 1e-5, "
                + t.get("C_scores"));
        assertTrue(scored.contains(t.get("C") + ":" + scored.stream().filter(p -> p.startsWith(t.get("C") + ":")).findFirst()
                .orElseThrow().split(":")[1]), t.toString());
        assertEquals(1, r.stderr().lines().filter(l -> l.contains("chose C=" + t.get("C") + " by 5-fold cross-validation")).count(), r.stderr());
        assertEquals(0, r.stderr().lines().filter(l -> l.contains("held-out vectors right")).count(), r.stderr());

        CliRun verbose = CliRun.run(concat(data, "-o", tmp.resolve("auto-v.cvb").toString(), "-v"));
        assertEquals(0, verbose.exitCode(), verbose.stderr());
        assertEquals(scored.size(), verbose.stderr().lines().filter(l -> l.contains("held-out vectors right")).count(), verbose.stderr());
        assertTrue(verbose.stderr().contains("C=1e-05: "), verbose.stderr());
        assertEquals(t.get("C_scores"), BaselineModel.load(tmp.resolve("auto-v.cvb")).training().get("C_scores"), "the same folds, the same scores");

        Path fixed = tmp.resolve("fixed.cvb");
        CliRun f = CliRun.run(concat(data, "-o", fixed.toString(), "--C", "0.02"));
        assertEquals(0, f.exitCode(), f.stderr());
        assertEquals("0.02", BaselineModel.load(fixed).training().get("C"));
        assertEquals("fixed", BaselineModel.load(fixed).training().get("C_selection"));
        assertTrue(!f.stderr().contains("chose C"), f.stderr());

        Path two = tmp.resolve("two.cvb");
        assertEquals(0, CliRun.run(concat(data, "-o", two.toString(), "--C", "1,0.01", "--folds", "3", "-q")).exitCode());
        Map<String, String> t2 = BaselineModel.load(two).training();
        assertEquals("3-fold cross-validation", t2.get("C_selection"));
        assertTrue(t2.get("C_scores").matches("0\\.01:0\\.\\d{4} 1:0\\.\\d{4}"), t2.get("C_scores"));

        Path held = tmp.resolve("held.cvb");
        assertEquals(0, CliRun.run(concat(data, "-o", held.toString(), "--folds", "1", "--val", "0.2", "-q")).exitCode());
        assertEquals("a held-out 20%", BaselineModel.load(held).training().get("C_selection"));

        for (String[] bad : List.of(new String[] {"--C", "auto,1"}, new String[] {"--folds", "0"}, new String[] {"--val", "1"})) {
            CliRun u = CliRun.run(concat(data, concat(bad, "-o", tmp.resolve("x").toString())));
            assertEquals(2, u.exitCode(), u.stderr());
            assertEquals(2, u.errLines().length, u.stderr()); // the reason, then "Try ... --help"
        }
    }

    /** The hint at an end of the grid names the next three Cs of its ladder of 1s and 3s. */
    @Test
    void theHintAtAnEndOfTheGridContinuesItsLadder() {
        double[] grid = {1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1, 3, 10};
        List<CSearch.Score> scores = Arrays.stream(grid).mapToObj(c -> new CSearch.Score(c, 1, 2, 0)).toList();
        assertEquals("30,100,300", TrainCommand.beyond(new CSearch.Outcome(10, scores, grid, "x")));
        assertEquals("3e-06,1e-06,3e-07", TrainCommand.beyond(new CSearch.Outcome(1e-5, scores, grid, "x")));
        double[] given = {0.003, 0.3};
        List<CSearch.Score> two = Arrays.stream(given).mapToObj(c -> new CSearch.Score(c, 1, 2, 0)).toList();
        assertEquals("1,3,10", TrainCommand.beyond(new CSearch.Outcome(0.3, two, given, "x")));
        assertEquals("0.001,0.0003,0.0001", TrainCommand.beyond(new CSearch.Outcome(0.003, two, given, "x")));
    }

    /**
     * On the 8x8 digits the default cells (3,4,7, for 28x28) scale down to 2 pixels; cells too large for the
     * images are one usage error before any image is read, not a line per image.
     */
    @Test
    void hogCellsFitTinyImagesOrFailOnceUpFront() throws IOException {
        Path digits = CliRun.TESTDATA.resolve("digits");
        Path m = tmp.resolve("digits.cvb");
        CliRun r = CliRun.run("baseline", "train", "--data", digits.toString(), "--sample", "400", "-o", m.toString(), "--C", "0.01");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("2,3,4", BaselineModel.load(m).features().describe().get("cell_rows"));
        assertTrue(r.stderr().contains("hog features of 400 images: " + (3 * 3 * 36 + 36 + 36) + " values each"), r.stderr());
        CliRun e = CliRun.run("baseline", "eval", "-m", m.toString(), "--data", digits.toString(), "-q");
        assertEquals(0, e.exitCode(), e.stderr());
        assertTrue(Double.parseDouble(e.out().lines().findFirst().orElseThrow().substring(10)) > 0.85, e.out());

        CliRun big = CliRun.run("baseline", "train", "--data", digits.toString(), "--cell", "3,7", "-o", tmp.resolve("x").toString());
        assertEquals(2, big.exitCode(), big.stderr());
        assertEquals(2, big.errLines().length, big.stderr()); // the reason, then "Try ... --help"
        assertTrue(big.errLines()[0].contains("8x8 images are too small for one HOG block of 2x2 cells of 7x7 pixels"), big.stderr());

        List<Integer> defaults = List.of(3, 4, 7);
        assertEquals(List.of(2, 3, 4), TrainCommand.smallImageCells(defaults, 8, 2));
        assertEquals(List.of(2, 3, 4), TrainCommand.smallImageCells(defaults, 16, 2));
        assertEquals(List.of(2, 3, 5), TrainCommand.smallImageCells(defaults, 20, 2));
        assertEquals(List.of(3, 4, 7), TrainCommand.smallImageCells(defaults, 27, 2));
        assertEquals(List.of(2), TrainCommand.smallImageCells(defaults, 4, 2));
        assertEquals(List.of(), TrainCommand.smallImageCells(defaults, 3, 2));
        assertEquals(List.of(2), TrainCommand.smallImageCells(defaults, 8, 3), "8x8 holds blocks of 3x3 cells of 2 pixels only");

        Path tiny = tmp.resolve("tiny");
        for (String cls : List.of("a", "b")) {
            Path d = Files.createDirectories(tiny.resolve(cls));
            for (int i = 0; i < 3; i++) {
                ImageIO.write(new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY), "png", d.resolve(i + ".png").toFile());
            }
        }
        CliRun t = CliRun.run("baseline", "train", "--data", tiny.toString(), "-o", tmp.resolve("x").toString());
        assertEquals(2, t.exitCode(), t.stderr());
        assertTrue(t.errLines()[0].contains("3x3 images are too small for one HOG block"), t.stderr());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * {@code --cell 3,4,7}: one HOG per cell size, concatenated, saved as lists and read back as the same
     * vectors; a single size writes the entries as models from before multi-scale HOG did, which still load.
     */
    @Test
    void hogAtSeveralCellSizesRoundTripsAndSingleSizeKeepsTheOldEntries() throws IOException {
        Path multi = tmp.resolve("multi.cvb");
        CliRun r = CliRun.run("baseline", "train", "--data", FASHION.toString(), "--sample", "200", "--cell", "3,4,7x5",
                "-o", multi.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        int length = 8 * 8 * 36 + 6 * 6 * 36 + 3 * 4 * 36;
        assertTrue(r.stderr().contains("hog features of 200 images: " + length + " values each"), r.stderr());
        BaselineModel m = BaselineModel.load(multi);
        assertEquals("3,4,7", m.features().describe().get("cell_rows"));
        assertEquals("3,4,5", m.features().describe().get("cell_cols"));
        assertEquals(length, m.classifier().inputDimension());
        Path again = tmp.resolve("multi-again.cvb");
        m.save(again);
        assertArrayEquals(Files.readAllBytes(multi), Files.readAllBytes(again));
        BaselineModel m2 = BaselineModel.load(again);
        var parts = List.of(new org.convkit.features.hog.HogParameters(9, 3, 3, 2, 2, org.convkit.features.hog.BlockNorm.L1_SQRT, true),
                new org.convkit.features.hog.HogParameters(9, 4, 4, 2, 2, org.convkit.features.hog.BlockNorm.L1_SQRT, true),
                new org.convkit.features.hog.HogParameters(9, 7, 5, 2, 2, org.convkit.features.hog.BlockNorm.L1_SQRT, true));
        var reference = new org.convkit.features.hog.MultiScaleHog(parts);
        for (Sample s : samples.subList(0, 5)) {
            assertArrayEquals(reference.extract(s.image().image()), m2.features().vector(s.image()));
            assertArrayEquals(m.scores(s.image()), m2.scores(s.image()));
        }

        Path single = tmp.resolve("single.cvb");
        assertEquals(0, CliRun.run("baseline", "train", "--data", FASHION.toString(), "--sample", "100", "--cell", "4",
                "-o", single.toString(), "-q").exitCode());
        Map<String, String> meta = SafeTensors.read(single).metadata();
        assertEquals("4", meta.get("features.cell_rows"));
        assertEquals("4", meta.get("features.cell_cols"));
        assertEquals(1296, BaselineModel.load(single).classifier().inputDimension());

        failsWithOneLine(eval(withMetadata(multi, "uneven.cvb", "features.cell_rows", "3,4")), "uneven.cvb", "damaged model file");
        failsWithOneLine(eval(withMetadata(multi, "uneven.cvb", "features.cell_rows", "3,four,7")), "uneven.cvb",
                "not a list of integers");

        CliRun usage = CliRun.run("baseline", "train", "--cell", "3,,7", "--data", FASHION.toString(), "-o", tmp.resolve("x").toString());
        assertEquals(2, usage.exitCode());
        assertTrue(usage.stderr().contains("--cell takes N, RxC or a comma-separated list of them, got '3,,7'"), usage.stderr());
    }

    /**
     * {@code --signed}: every cell size's HOG signed, saved in the model so that eval rebuilds the same vectors;
     * a model without the entry (written before signed HOG) loads as unsigned.
     */
    @Test
    void signedHogIsSavedAndModelsWithoutItLoadUnsigned() throws IOException {
        Path model = tmp.resolve("signed.cvb");
        CliRun r = CliRun.run("baseline", "train", "--data", FASHION.toString(), "--sample", "200", "--signed",
                "--orientations", "18", "--cell", "4,7", "-o", model.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        int length = 6 * 6 * 72 + 3 * 3 * 72;
        assertTrue(r.stderr().contains("hog features of 200 images: " + length + " values each"), r.stderr());
        BaselineModel m = BaselineModel.load(model);
        assertEquals("true", m.features().describe().get("signed"));
        assertEquals("18", m.features().describe().get("orientations"));
        var signed = new org.convkit.features.hog.MultiScaleHog(List.of(
                new org.convkit.features.hog.HogParameters(18, 4, 4, 2, 2, org.convkit.features.hog.BlockNorm.L1_SQRT, true, true),
                new org.convkit.features.hog.HogParameters(18, 7, 7, 2, 2, org.convkit.features.hog.BlockNorm.L1_SQRT, true, true)));
        for (Sample s : samples.subList(0, 3)) {
            assertArrayEquals(signed.extract(s.image().image()), m.features().vector(s.image()));
        }
        CliRun e = eval(model);
        assertEquals(0, e.exitCode(), e.stderr());

        assertEquals("false", BaselineModel.load(hogModel).features().describe().get("signed"));
        BaselineModel old = BaselineModel.load(withMetadata(hogModel, "before-signed.cvb", "features.signed", null));
        assertEquals("false", old.features().describe().get("signed"));
        BaselineModel unsigned = BaselineModel.load(withMetadata(model, "unsigned.cvb", "features.signed", null));
        var reference = new org.convkit.features.hog.MultiScaleHog(List.of(
                new org.convkit.features.hog.HogParameters(18, 4, 4, 2, 2, org.convkit.features.hog.BlockNorm.L1_SQRT, true),
                new org.convkit.features.hog.HogParameters(18, 7, 7, 2, 2, org.convkit.features.hog.BlockNorm.L1_SQRT, true)));
        float[] v = unsigned.features().vector(samples.getFirst().image());
        assertArrayEquals(reference.extract(samples.getFirst().image().image()), v);
        assertTrue(!java.util.Arrays.equals(v, m.features().vector(samples.getFirst().image())));
        failsWithOneLine(eval(withMetadata(model, "bad-signed.cvb", "features.signed", "yes")), "bad-signed.cvb",
                "not true or false");
    }

    private static Map<String, String> pick(Map<String, String> m) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String k : List.of("cell_rows", "block_rows", "block_norm", "transform_sqrt")) {
            out.put(k, m.get(k));
        }
        return out;
    }

    /** One line on standard error, naming the model file, with {@code reason} in it; exit 1. */
    private static void failsWithOneLine(CliRun r, String file, String reason) {
        assertEquals(1, r.exitCode(), r.stderr());
        String[] err = r.errLines();
        assertEquals(1, err.length, r.stderr());
        assertTrue(err[0].contains(file) && err[0].contains(reason), err[0]);
        assertEquals("", r.out());
    }

    private static CliRun eval(Path model) {
        return CliRun.run("baseline", "eval", "-m", model.toString(), "--data", FASHION.toString(), "--limit", "10");
    }

    @Test
    void truncatedModelIsOneLine() throws IOException {
        byte[] all = Files.readAllBytes(hogModel);
        Path cut = tmp.resolve("cut.cvb");
        Files.write(cut, Arrays.copyOf(all, all.length - 1000));
        failsWithOneLine(eval(cut), "cut.cvb", "truncated");
        failsWithOneLine(CliRun.run("baseline", "predict", "-m", cut.toString(), images.resolve("00.png").toString()), "cut.cvb", "truncated");
    }

    @Test
    void foreignFilesAreOneLine() throws IOException {
        failsWithOneLine(eval(images.resolve("00.png")), "00.png", "not a safetensors model file");
        Path other = tmp.resolve("other.safetensors");
        SafeTensors.write(other, Map.of("w", SafeTensors.Tensor.ofFloats(new float[] {1, 2}, 2)), Map.of());
        failsWithOneLine(eval(other), "other.safetensors", "not a convkit baseline model");
        failsWithOneLine(eval(tmp.resolve("missing.cvb")), "missing.cvb", "no such file");
    }

    @Test
    void anotherFormatVersionOrDamagedArraysAreOneLine() throws IOException {
        failsWithOneLine(eval(withMetadata(hogModel, "v4.cvb", "convkit.format_version", "4")), "v4.cvb", "format version 4");
        failsWithOneLine(eval(withMetadata(hogModel, "cnn.cvb", "convkit.format", "convkit-cnn")), "cnn.cvb",
                "a convkit-cnn model, not a baseline model");

        byte[] all = Files.readAllBytes(hogModel);
        all[all.length - 3] ^= 0x40; // one bit of the last weights
        Path flipped = tmp.resolve("flipped.cvb");
        Files.write(flipped, all);
        failsWithOneLine(eval(flipped), "flipped.cvb", "damaged model file");

        failsWithOneLine(eval(withMetadata(hogModel, "partial.cvb", "classifier.input_dimension", null)), "partial.cvb",
                "damaged model file");
    }

    /**
     * Format version 2: HOG with the pooled intensity and an SVM with kernel landmarks, saved, loaded and saved
     * again to the same bytes and scores; a version 1 file (neither part, as the HOG model here) still loads.
     */
    @Test
    void intensityAndLandmarksRoundTripAndVersionOneStillLoads() throws IOException {
        Path m = tmp.resolve("landmarks.cvb");
        CliRun r = CliRun.run("baseline", "train", "--data", FASHION.toString(), "--sample", "300", "--kernel-map", "chi2",
                "--intensity", "4", "--landmarks", "60", "--gamma", "1.5", "--C", "3", "-o", m.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("hog features of 300 images: " + (7848 + 49) + " values each"), r.stderr());
        BaselineModel model = BaselineModel.load(m);
        assertEquals("4", model.features().describe().get("intensity_cell"));
        assertEquals(3 * (7848 + 49) + 60, model.classifier().svm().dimension());
        assertEquals("60 gamma 1.5", model.training().get("landmarks"));
        assertEquals("3", SafeTensors.read(m).metadata().get("convkit.format_version"));
        assertEquals("unit", SafeTensors.read(m).metadata().get("classifier.landmarks.features"));
        Path again = tmp.resolve("landmarks-again.cvb");
        model.save(again);
        assertArrayEquals(Files.readAllBytes(m), Files.readAllBytes(again));
        BaselineModel back = BaselineModel.load(again);
        for (Sample s : samples.subList(0, 5)) {
            assertArrayEquals(model.scores(s.image()), back.scores(s.image()));
        }
        CliRun e = CliRun.run("baseline", "eval", "-m", m.toString(), "--data", FASHION.toString(), "--limit", "200", "-q");
        assertEquals(0, e.exitCode(), e.stderr());
        double acc = Double.parseDouble(e.out().lines().findFirst().orElseThrow().substring("accuracy: ".length()));
        assertTrue(acc > 0.7, "hog + intensity + landmarks on 300 training images: " + acc);

        CliRun v1 = eval(withMetadata(hogModel, "v1.cvb", "convkit.format_version", "1"));
        assertEquals(0, v1.exitCode(), v1.stderr());
        // version 2 had no unit features entry: its weights are read as over the raw kernel values
        Path v2 = withMetadata(withMetadata(m, "v2-step.cvb", "convkit.format_version", "2"), "v2.cvb",
                "classifier.landmarks.features", null);
        CliRun e2 = eval(v2);
        assertEquals(0, e2.exitCode(), e2.stderr());
        assertTrue(!Arrays.equals(model.scores(samples.getFirst().image()), BaselineModel.load(v2).scores(samples.getFirst().image())));
        failsWithOneLine(eval(withMetadata(m, "no-vectors.cvb", "classifier.landmarks", "61")), "no-vectors.cvb", "damaged model file");
    }

    /** A copy of {@code model} named {@code name} whose metadata entry {@code key} is {@code value} (removed if null). */
    private Path withMetadata(Path model, String name, String key, String value) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(model);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        if (value == null) {
            meta.remove(key);
        } else {
            meta.put(key, value);
        }
        Path out = tmp.resolve(name);
        SafeTensors.write(out, c.tensors(), meta);
        return out;
    }

    @Test
    void aDataSetOfAnotherImageSizeIsOneLine() throws IOException {
        Path folder = tmp.resolve("big");
        for (String cls : List.of("a", "b")) {
            Path d = Files.createDirectories(folder.resolve(cls));
            ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY), "png", d.resolve("x.png").toFile());
        }
        CliRun r = CliRun.run("baseline", "eval", "-m", hogModel.toString(), "--data", folder.toString());
        failsWithOneLine(r, "big", "32x32 gray images, but " + hogModel + " was trained on 28x28 gray");
    }

    @Test
    void predictResizesAnotherSizeForHogAndConvertsColour() throws IOException {
        Path big = tmp.resolve("big.png");
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY), "png", big.toFile());
        Path rgb = tmp.resolve("rgb.png");
        BufferedImage colour = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        BufferedImage g = ImageIO.read(images.resolve("00.png").toFile());
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int v = g.getRaster().getSample(x, y, 0);
                colour.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        ImageIO.write(colour, "png", rgb.toFile());
        CliRun r = CliRun.run("baseline", "predict", "-m", hogModel.toString(), big.toString(), rgb.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> out = r.out().lines().toList();
        assertEquals(2, out.size());
        assertTrue(out.getFirst().startsWith(big + "\t"), out.getFirst());
        assertTrue(out.get(1).startsWith(rgb + "\t"), out.get(1));
        CliRun gray = CliRun.run("baseline", "predict", "-m", hogModel.toString(), images.resolve("00.png").toString());
        assertEquals(gray.out().split("\t")[1], out.get(1).split("\t")[1]); // equal channels: the same gray image
        assertTrue(r.stderr().contains("warning: " + big + ": resized from 32x32 to 28x28"), r.stderr());
        assertTrue(r.stderr().contains("warning: " + rgb + ": RGB converted to gray"), r.stderr());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, CliRun.run("baseline", "train", "--features", "sift", "--data", FASHION.toString(), "-o", tmp.resolve("x").toString()).exitCode());
        assertEquals(2, CliRun.run("baseline", "train", "--C", "-1", "--data", FASHION.toString(), "-o", tmp.resolve("x").toString()).exitCode());
        assertEquals(2, CliRun.run("baseline", "train", "--kernel-map", "rbf", "--data", FASHION.toString(), "-o", tmp.resolve("x").toString()).exitCode());
        assertEquals(2, CliRun.run("baseline", "predict", "-m", hogModel.toString()).exitCode());
        CliRun intensityOfPixels = CliRun.run("baseline", "train", "--features", "pixels", "--intensity", "4", "--data", FASHION.toString(),
                "-o", tmp.resolve("x").toString());
        assertEquals(2, intensityOfPixels.exitCode());
        assertTrue(intensityOfPixels.stderr().contains("--intensity is a hog option"), intensityOfPixels.stderr());
        CliRun standardised = CliRun.run("baseline", "train", "--landmarks", "10", "--data", FASHION.toString(), "-o", tmp.resolve("x").toString());
        assertEquals(2, standardised.exitCode());
        assertTrue(standardised.stderr().contains("standardize"), standardised.stderr());
        assertEquals(2, CliRun.run("baseline").exitCode());
        assertEquals(1, CliRun.run("baseline", "train", "--data", FASHION.toString(), "-o", hogModel.toString()).exitCode()); // exists
    }
}
