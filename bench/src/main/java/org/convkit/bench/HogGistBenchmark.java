package org.convkit.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.convkit.features.gist.Gist;
import org.convkit.features.gist.GistParameters;
import org.convkit.features.hog.BlockNorm;
import org.convkit.features.hog.Hog;
import org.convkit.features.hog.HogParameters;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;
import org.convkit.io.data.DataSet;
import org.convkit.io.data.DataSets;
import org.convkit.io.data.Split;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm, one-thread HOG and GIST kernels, images per second: HOG (9 orientations, 4x4 cells,
 * 2x2 blocks, L2-Hys) over the first 1,000 Fashion-MNIST test images (28x28) and on a 512x512 image; GIST
 * (LMgist defaults, 8,8,8,8, 4x4 blocks, boundary 32) of a 256x256 image, on the Vector API FFT and on
 * JTransforms ({@code gistFft}, side by side in one run). The 512x512 and 256x256 images
 * are a fixed pseudo-random texture. Compare with bench/hog_bench.py, which prints OpenCV's and
 * scikit-image's rates in the same units.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class HogGistBenchmark {
    /** LMgist's defaults on a 256x256 image: padded side 320 = 5 x 8 x 8. */
    static final GistParameters GIST_256 = new GistParameters(256, new int[] {8, 8, 8, 8}, 4, 4, 32, false);
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    private Hog hog;
    private FloatImage[] fashion;
    private FloatImage big;
    private float[] out28;
    private float[] out512;

    @Setup
    public void setup() throws IOException {
        hog = new Hog(new HogParameters(9, 4, 4, 2, 2, BlockNorm.L2_HYS, false));
        fashion = new FloatImage[1000];
        try (DataSet test = DataSets.open(FASHION, Split.TEST)) {
            for (int k = 0; k < fashion.length; k++) {
                fashion[k] = test.get(k).image().image();
            }
        }
        big = new FloatImage(texture(512, 512));
        out28 = new float[hog.length(28, 28, 1)];
        out512 = new float[hog.length(512, 512, 1)];
    }

    /** 8-bit values with structure at several scales and orientations (deterministic). */
    static Plane texture(int w, int h) {
        Plane p = new Plane(w, h);
        java.util.Random r = new java.util.Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 128 + 60 * Math.sin(x * 0.07 + y * 0.02) + 40 * Math.sin(y * 0.19 - x * 0.05) + 20 * r.nextGaussian();
                p.set(x, y, (float) Math.max(0, Math.min(255, Math.round(v))));
            }
        }
        return p;
    }

    /** One operation = 1,000 images: multiply the score by 1,000 for images per second. */
    @Benchmark
    public float hog28x28x1000() {
        float s = 0;
        for (FloatImage im : fashion) {
            hog.extract(im, out28, 0);
            s += out28[0];
        }
        return s;
    }

    @Benchmark
    public float[] hog512x512() {
        hog.extract(big, out512, 0);
        return out512;
    }

    /** GIST on one FFT or the other, so that HOG's benchmarks are not run once per FFT. */
    @State(Scope.Benchmark)
    public static class GistState {
        /** The FFT of GIST's step 5 ({@link Gist.Fft}). */
        @Param({"VECTOR", "JTRANSFORMS"})
        public String gistFft;

        Gist gist;
        FloatImage image;

        @Setup
        public void setup() {
            gist = new Gist(GIST_256, Gist.Fft.valueOf(gistFft));
            image = new FloatImage(texture(256, 256));
        }
    }

    @Benchmark
    public float[] gist256x256(GistState g) { return g.gist.extract(g.image); }
}
