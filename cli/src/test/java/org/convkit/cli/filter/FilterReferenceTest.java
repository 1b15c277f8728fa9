package org.convkit.cli.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.convkit.cli.CliRun;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.ImageDecoder;
import org.convkit.io.image.SampleDepth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole path (decode, filter, float output) against SciPy:
 * {@code convkit filter -k gaussian:sigma=2 -b reflect --depth float} equals
 * {@code scipy.ndimage.gaussian_filter(img, 2, mode='reflect')} (testdata/cli/make_reference.py).
 */
class FilterReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"camera-crop", "chelsea-crop", "moon-crop-16bit"})
    void gaussianMatchesScipy(String name) throws IOException {
        CliRun r = CliRun.run("filter", "-k", "gaussian:sigma=2", "-b", "reflect", "--depth", "float", "-f", "npy",
                CliRun.IMAGES.resolve(name + ".png").toString(), "-o", "-");
        assertEquals(0, r.exitCode(), r.stderr());
        DecodedImage got = ImageDecoder.decode(r.stdout());
        DecodedImage want = ImageDecoder.read(CliRun.TESTDATA.resolve("cli/" + name + "_gaussian2_reflect.npy"));
        assertEquals(SampleDepth.FLOAT, got.depth());
        assertEquals(want.image().channelCount(), got.image().channelCount());
        assertEquals(want.width(), got.width());
        assertEquals(want.height(), got.height());
        for (int c = 0; c < want.image().channelCount(); c++) {
            float[] g = got.image().channel(c).data();
            float[] w = want.image().channel(c).data();
            for (int i = 0; i < w.length; i++) {
                assertEquals(w[i], g[i], 1e-4 * Math.max(1, Math.abs(w[i])), "channel " + c + " sample " + i);
            }
        }
    }
}
