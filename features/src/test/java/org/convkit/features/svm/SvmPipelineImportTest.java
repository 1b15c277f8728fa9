package org.convkit.features.svm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.convkit.features.state.ModelState;
import org.junit.jupiter.api.Test;

/**
 * The sizes a saved pipeline states (input dimension, kernel map order, landmark count) are checked
 * against its arrays before anything is allocated from them.
 */
class SvmPipelineImportTest {
    /** A fitted pipeline on 6 values, exported under "m.". */
    private static ModelState saved(FeatureScaling.Mode scaling) {
        float[][] x = {{0, 1, 0, 2, 1, 0}, {1, 0, 2, 0, 0, 1}, {0, 2, 0, 1, 1, 0}, {2, 0, 1, 0, 0, 2}};
        SvmPipeline p = SvmPipeline.fit(x, new int[] {0, 1, 0, 1}, SvmPipeline.Settings.defaults().withScaling(scaling), null);
        ModelState s = new ModelState();
        p.exportTo(s, "m.");
        return s;
    }

    private static String refused(ModelState s, Map<String, String> changes) {
        changes.forEach(s::putString);
        return assertThrows(IllegalArgumentException.class, () -> SvmPipeline.importFrom(s, "m.")).getMessage();
    }

    @Test
    void aKernelMapOrderTheWeightsDoNotHaveIsRefusedBeforeTheMapIsBuilt() {
        // order two billion: the map's coefficient table alone would take 16 GB
        String m = refused(saved(FeatureScaling.Mode.L2), Map.of("m.kernel_map", "true", "m.kernel_map.kernel", "chi2",
                "m.kernel_map.order", "2000000000", "m.kernel_map.period", "1"));
        assertTrue(m.contains("kernel map order 2000000000 do not make the SVM's 6 weights per class"), m);
    }

    @Test
    void landmarkCountsAndDimensionsMustMatchTheWeights() {
        String m = refused(saved(FeatureScaling.Mode.L2), Map.of("m.landmarks", "2000000000", "m.landmarks.gamma", "1"));
        assertTrue(m.contains("and 2000000000 landmarks do not make the SVM's 6 weights"), m);
        m = refused(saved(FeatureScaling.Mode.L2), Map.of("m.input_dimension", "7"));
        assertTrue(m.contains("'m.input_dimension' 7 do not make the SVM's 6 weights"), m);
        m = refused(saved(FeatureScaling.Mode.L2), Map.of("m.input_dimension", "-6"));
        assertTrue(m.contains("must not be negative"), m);
    }

    @Test
    void standardisationMustCoverTheFeatures() {
        ModelState s = saved(FeatureScaling.Mode.STANDARDIZE);
        s.putArray("m.scaling.mean", new float[5], 5).putArray("m.scaling.inv_std", new float[5], 5);
        String m = assertThrows(IllegalArgumentException.class, () -> SvmPipeline.importFrom(s, "m.")).getMessage();
        assertTrue(m.contains("'m.scaling.mean' does not have the 6 values"), m);
    }

    @Test
    void arrayShapesThatWrapSixtyFourBitsAreRefused() {
        // 2^30 x 2^30 x 16 = 2^64: a plain long product wraps to 0, the length of an empty array
        String m = assertThrows(IllegalArgumentException.class,
                () -> new ModelState().putArray("a", new float[0], 1 << 30, 1 << 30, 16)).getMessage();
        assertTrue(m.contains("more values than 64 bits count"), m);
    }
}
