package org.convkit.cli.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.convkit.cli.CliRun;
import org.convkit.filters.image.Plane;
import org.convkit.filters.resize.Resize;
import org.convkit.io.model.SafeTensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images smaller than an architecture takes, on scikit-learn's 8x8 digits: {@code cnn train} says which size
 * it needs in one usage error, {@code --resize N} trains on NxN, and the model makes eval and predict resize
 * the same way.
 */
class SmallImagesTest {
    static final Path DIGITS = CliRun.TESTDATA.resolve("digits");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path model;
    static CliRun trained;

    static CliRun train(Path out, String... extra) { return train("lenet5", out, extra); }

    /** {@code arch} trained briefly on a stratified 400 of the digits' training images. */
    static CliRun train(String arch, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("cnn", "train", "--arch", arch, "--data", DIGITS.toString(), "--sample", "400",
                "--epochs", "2", "--optimizer", "adam", "--lr", "2e-3", "--threads", "1", "--seed", "3", "-o", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    @BeforeAll
    static void trainResized() {
        model = tmp.resolve("lenet5-12.safetensors");
        trained = train(model, "--resize", "12", "--val-data", DIGITS.toString());
        assertEquals(0, trained.exitCode(), trained.stderr());
    }

    @Test
    void tooSmallForTheArchitectureIsOneUsageLineWithTheSizeItTakes() {
        CliRun r = train(tmp.resolve("no.safetensors"));
        assertEquals(2, r.exitCode(), r.stderr());
        String[] lines = r.errLines();
        assertEquals(2, lines.length, r.stderr()); // the reason, then where help is, as every usage error
        assertEquals("convkit cnn train: --arch lenet5 takes images of at least 12x12 pixels, these images are 8x8; add --resize 12 to"
                + " scale them up, or choose an architecture that fits them (vgg-small, resnet-small take 8x8)", lines[0]);
        assertFalse(r.stderr().contains("internal error") || r.stderr().contains("Exception"), r.stderr());
        assertFalse(Files.exists(tmp.resolve("no.safetensors")));

        r = train(tmp.resolve("no.safetensors"), "--resize", "10");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.errLines()[0].contains("--arch lenet5 takes images of at least 12x12 pixels, --resize 10 makes these images 10x10;"
                + " use --resize 12 or more"), r.stderr());

        r = train("conv(4,5) relu maxpool(2) conv(4,5) flatten fc(10)", tmp.resolve("no.safetensors"));
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.errLines()[0].contains("--arch 'conv(4,5) relu maxpool(2) conv(4,5) flatten fc(10)' takes images of at least 14x14"
                + " pixels, these images are 8x8; add --resize 14"), r.stderr());
    }

    @Test
    void resizeOptionIsChecked() {
        for (String bad : new String[] {"0", "-3", "100000", "twelve"}) {
            CliRun r = train(tmp.resolve("no.safetensors"), "--resize", bad);
            assertEquals(2, r.exitCode(), bad + ": " + r.stderr());
            assertTrue(r.errLines()[0].contains("--resize"), r.stderr());
        }
        assertTrue(train(tmp.resolve("no.safetensors"), "--resize", "100000").stderr().contains("over the pixel limit"));
    }

    @Test
    void theModelRecordsTheResizeAndLoadsWithIt() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(model);
        assertEquals("12", c.metadata().get("training.resize"));
        assertEquals(List.of("12", "12", "1"), List.of(c.metadata().get("input.width"), c.metadata().get("input.height"),
                c.metadata().get("input.channels")));
        CnnModel m = CnnModel.load(model);
        assertTrue(m.resizesInputs());
        assertEquals(List.of(1, 12, 12), java.util.Arrays.stream(m.inputShape()).boxed().toList());
        assertTrue(trained.stderr().contains("images 1x12x12 (resized)"), trained.stderr());
    }

    @Test
    void evalResizesAsTrainingDidAndAgreesWithTheLastValidation() throws IOException {
        Matcher last = Pattern.compile("epoch 2/2 .* val acc (\\d\\.\\d{4})").matcher(trained.stderr());
        assertTrue(last.find(), trained.stderr());
        CliRun r = CliRun.run("cnn", "eval", "--model", model.toString(), "--data", DIGITS.toString(), "--json", "--threads", "1");
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode report = JSON.readTree(r.out());
        assertEquals(450, report.get("samples").asInt());
        assertEquals(last.group(1), String.format(Locale.ROOT, "%.4f", report.get("accuracy").asDouble()));
        assertTrue(report.get("accuracy").asDouble() > 0.3, r.out());
    }

    @Test
    void predictResizesWithoutWarning() {
        Path image = DIGITS.resolve("test").resolve("0").resolve("0078.png");
        CliRun r = CliRun.run("cnn", "predict", "--model", model.toString(), image.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.out().startsWith(image + "\t"), r.out());
        assertFalse(r.stderr().contains("resized"), r.stderr());
    }

    @Test
    void imagesOfSeveralSizesAreResizedBilinearlyBeforeTheNormalisation() throws IOException {
        // two classes, images 8x8 and 6x10 with a gradient each: the mean stored is that of Resize.bilinear's outputs
        Path root = tmp.resolve("mixed");
        int[][] sizes = {{8, 8}, {6, 10}, {8, 8}, {6, 10}};
        double sum = 0;
        for (int i = 0; i < sizes.length; i++) {
            int w = sizes[i][0], h = sizes[i][1];
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            float[] px = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = (x * 37 + y * y * 11 + i * 50) % 256;
                    img.getRaster().setSample(x, y, 0, v);
                    px[y * w + x] = v / 255f;
                }
            }
            Path d = Files.createDirectories(root.resolve("c" + (i % 2)));
            ImageIO.write(img, "png", d.resolve(i + ".png").toFile());
            for (float v : Resize.bilinear(new Plane(w, h, px), 12, 12).data()) {
                sum += v;
            }
        }
        Path out = tmp.resolve("mixed.safetensors");
        CliRun r = CliRun.run("cnn", "train", "--arch", "conv(2,3) relu flatten fc(2)", "--data", root.toString(), "--resize", "12",
                "--epochs", "1", "--batch", "2", "--threads", "1", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(sum / (4 * 144), CnnModel.load(out).mean()[0], 1e-6);
    }

    @Test
    void resizeForNamesTheMinimumOnlyWhenTheImagesAreSmaller() {
        assertEquals(OptionalInt.of(12), SmallImages.resizeFor("lenet5", 1, 8, 8, 10));
        assertEquals(OptionalInt.of(12), SmallImages.resizeFor("lenet5", 1, 30, 11, 10));
        assertEquals(OptionalInt.empty(), SmallImages.resizeFor("lenet5", 1, 12, 12, 10));
        assertEquals(OptionalInt.empty(), SmallImages.resizeFor("vgg-small", 1, 8, 8, 10));
        assertEquals(OptionalInt.empty(), SmallImages.resizeFor("conv(4,3", 1, 8, 8, 10)); // does not parse: the builder says why
    }
}
