package org.convkit.cli.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.convkit.cli.CliRun;
import org.convkit.io.model.ModelFormatException;
import org.convkit.io.model.SafeTensors;
import org.convkit.features.svm.SvmPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baseline model files whose metadata claims more than their arrays hold: each is refused by
 * {@link BaselineModel#load} with a {@link ModelFormatException} before anything is allocated from the
 * claim, and {@code baseline predict} prints one line naming the file, exit 1.
 */
class HostileBaselineModelTest {
    @TempDir
    static Path tmp;
    static Path good, image;

    /** A pixels model of 8x8 gray images: 64 values, 3 classes. */
    @BeforeAll
    static void writeAModel() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        float[][] x = new float[30][64];
        int[] y = new int[30];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 64; j++) {
                x[i][j] = (float) rng.nextDouble() + (j % 3 == y[i] ? 1 : 0);
            }
        }
        SvmPipeline svm = SvmPipeline.fit(x, y, SvmPipeline.Settings.defaults(), null);
        good = tmp.resolve("good.cvb");
        new BaselineModel(FeatureStage.descriptor(BaselineFeature.PIXELS, null, null), svm, List.of("a", "b", "c"),
                new InputShape(8, 8, 1), Map.of()).save(good);
        image = tmp.resolve("x.png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", image.toFile());
    }

    /** {@code good} with these metadata entries changed (a null value removes one); the arrays and their checksum kept. */
    static Path with(String name, String... keyValues) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(good);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                meta.remove(keyValues[i]);
            } else {
                meta.put(keyValues[i], keyValues[i + 1]);
            }
        }
        Path out = tmp.resolve(name);
        SafeTensors.write(out, c.tensors(), meta);
        return out;
    }

    static String refused(Path model) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> BaselineModel.load(model));
        CliRun r = CliRun.run("baseline", "predict", "-m", model.toString(), image.toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().contains(model + ": " + e.getMessage()), r.stderr());
        assertFalse(r.stderr().contains("internal error"), r.stderr());
        return e.getMessage();
    }

    @Test
    void theGoodModelPredicts() {
        CliRun r = CliRun.run("baseline", "predict", "-m", good.toString(), image.toString());
        assertEquals(0, r.exitCode(), r.stderr());
    }

    @Test
    void inputPlanesAreBoundedBeforeTheyAreAllocated() throws IOException {
        String m = refused(with("huge.cvb", "input.width", "100000", "input.height", "100000"));
        assertTrue(m.contains("input images of 100000x100000 pixels, more than convkit takes"), m);
        m = refused(with("long.cvb", "input.width", "1000000", "input.height", "1"));
        assertTrue(m.contains("more than convkit takes"), m);
        m = refused(with("other.cvb", "input.width", "16", "input.height", "16"));
        assertTrue(m.contains("its pixels stage gives 256 values, its classifier expects 64"), m);
        m = refused(with("negative.cvb", "input.width", "-8"));
        assertTrue(m.contains("is not an image shape"), m);
    }

    private static String[] hog(String orientations, String cell, String block) {
        return new String[] {"features", "hog", "features.orientations", orientations, "features.cell_rows", cell, "features.cell_cols", cell,
                "features.block_rows", block, "features.block_cols", block, "features.block_norm", "L2-Hys", "features.transform_sqrt", "false"};
    }

    @Test
    void featureParametersAreCheckedAgainstTheClassifierBeforeTheExtractorIsBuilt() throws IOException {
        // two billion orientation bins: 16 GB of bin boundaries, were the extractor built
        String m = refused(with("bins.cvb", hog("2000000000", "4", "1")));
        assertTrue(m.contains("2000000000 HOG orientations for 64 values"), m);
        m = refused(with("hog.cvb", hog("9", "4", "1")));
        assertTrue(m.contains("its hog stage gives 36 values, its classifier expects 64"), m);
        String[] wrap = hog("64", "1", "1024");
        m = refused(with("wrap.cvb", java.util.stream.Stream.concat(java.util.Arrays.stream(wrap),
                java.util.stream.Stream.of("input.width", "2048", "input.height", "2048")).toArray(String[]::new)));
        assertTrue(m.contains("a size in it does not fit an int"), m);
        m = refused(with("gist.cvb", "features", "gist", "features.size", "60000", "features.orientations", "64", "features.blocks", "1",
                "features.fc", "4", "features.boundary", "0", "features.color", "false"));
        assertTrue(m.contains("GIST of size 60000 with a boundary of 0 and 64 filters is larger than convkit builds"), m);
    }

    @Test
    void classifierSizesMustMatchItsArrays() throws IOException {
        // a kernel map of order two billion: its coefficient table alone would be 16 GB
        String m = refused(with("order.cvb", "classifier.kernel_map", "true", "classifier.kernel_map.kernel", "chi2",
                "classifier.kernel_map.order", "2000000000", "classifier.kernel_map.period", "1"));
        assertTrue(m.contains("do not make the SVM's 64 weights per class"), m);
        m = refused(with("dim.cvb", "classifier.input_dimension", "-1"));
        assertTrue(m.contains("sizes must not be negative"), m);
        m = refused(with("landmarks.cvb", "classifier.landmarks", "1000000"));
        assertTrue(m.contains("and 1000000 landmarks do not make the SVM's 64 weights"), m);
        m = refused(with("dimension.cvb", "classifier.input_dimension", "99999999999"));
        assertTrue(m.contains("is not an integer"), m);
    }

    @Test
    void namesAndEntriesThatAreNotThereAreOneLine() throws IOException {
        assertTrue(refused(with("null-classes.cvb", "classes", "null")).contains("'classes' is not a list of names"));
        assertTrue(refused(with("null-class.cvb", "classes", "[\"a\",null,\"c\"]")).contains("'classes' is not a list of names"));
        assertTrue(refused(with("two.cvb", "classes", "[\"a\",\"b\"]")).contains("knows class 2 of only 2"));
        assertTrue(refused(with("nofeatures.cvb", "features", null)).contains("no entry 'features'"));
    }
}
