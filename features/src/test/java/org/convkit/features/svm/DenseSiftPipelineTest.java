package org.convkit.features.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.convkit.features.encode.DenseSiftEncoder;
import org.convkit.features.encode.SpatialPyramid;
import org.convkit.features.sift.DenseSiftParameters;
import org.convkit.features.state.ModelState;
import org.convkit.filters.image.Plane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole dsift pipeline on a slice of the Fashion-MNIST sample: fit, export, import, predict. */
class DenseSiftPipelineTest {
    static List<Plane> trainImages;
    static int[] trainLabels;
    static List<Plane> testImages;
    static int[] testLabels;

    @BeforeAll
    static void load() throws IOException {
        FashionSample tr = FashionSample.load("train"), te = FashionSample.load("test");
        int[] idx = LinearSvmTest.firstPerClass(tr.labels(), 100);
        trainImages = Arrays.stream(idx).mapToObj(i -> new Plane(28, 28, tr.pixels()[i])).toList();
        trainLabels = Arrays.stream(idx).map(i -> tr.labels()[i]).toArray();
        int[] tidx = LinearSvmTest.firstPerClass(te.labels(), 40);
        testImages = Arrays.stream(tidx).mapToObj(i -> new Plane(28, 28, te.pixels()[i])).toList();
        testLabels = Arrays.stream(tidx).map(i -> te.labels()[i]).toArray();
    }

    private static double fitAndScore(DenseSiftEncoder.Settings settings, int expectedDimension) {
        DenseSiftEncoder enc = DenseSiftEncoder.fit(DenseSiftParameters.tinyImages(), settings, trainImages);
        assertEquals(expectedDimension, enc.dimension());
        float[][] x = enc.encodeAll(trainImages);
        SvmPipeline svm = SvmPipeline.fit(x, trainLabels,
                SvmPipeline.Settings.defaults().withScaling(FeatureScaling.Mode.NONE).withC(1), null);

        ModelState state = new ModelState();
        enc.exportTo(state, "encoder.");
        svm.exportTo(state, "classifier.");
        DenseSiftEncoder enc2 = DenseSiftEncoder.importFrom(state, "encoder.");
        SvmPipeline svm2 = SvmPipeline.importFrom(state, "classifier.");
        int right = 0;
        for (int i = 0; i < testImages.size(); i++) {
            float[] v = enc.encode(testImages.get(i));
            assertArrayEquals(v, enc2.encode(testImages.get(i)));
            assertArrayEquals(svm.scores(v), svm2.scores(v));
            right += svm.predict(v) == testLabels[i] ? 1 : 0;
        }
        return (double) right / testImages.size();
    }

    @Test
    void fisherVectorsFitExportImportAndClassify() {
        var s = new DenseSiftEncoder.Settings(DenseSiftEncoder.Kind.FISHER, 8, 24, new SpatialPyramid(new int[] {1, 2}), 20_000, 1, 30);
        double acc = fitAndScore(s, 2 * 8 * 24 * 5);
        assertTrue(acc > 0.6, "dsift-fv on 1000 training images: accuracy " + acc);
    }

    @Test
    void bagOfWordsFitExportImportAndClassify() {
        var s = new DenseSiftEncoder.Settings(DenseSiftEncoder.Kind.BOVW, 64, 0, new SpatialPyramid(new int[] {1, 2}), 10_000, 1, 20);
        double acc = fitAndScore(s, 64 * 5);
        assertTrue(acc > 0.55, "dsift-bovw on 1000 training images: accuracy " + acc);
    }
}
