package org.convkit.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convkit.filters.fft.BatchedFft;
import org.jtransforms.fft.FloatFFT_1D;
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
 * Complex float FFTs, one thread, nanoseconds per transform of length n: 64 transforms forward then
 * inverse, on {@link BatchedFft} (strips of one vector of transforms, as GIST uses it) and on JTransforms'
 * {@code FloatFFT_1D} one at a time. 320 and 192 are GIST's padded sides for sizes 256 and 128.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FftBenchmark {
    private static final int TRANSFORMS = 64;

    @Param({"320", "192"})
    public int n;

    private BatchedFft batched;
    private FloatFFT_1D jtransforms;
    private float[] re;
    private float[] im;
    private float[] interleaved;

    @Setup
    public void setup() {
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        batched = new BatchedFft(n);
        jtransforms = new FloatFFT_1D(n);
        Random random = new Random(1);
        re = new float[n * TRANSFORMS];
        im = new float[n * TRANSFORMS];
        interleaved = new float[2 * n * TRANSFORMS];
        for (int i = 0; i < re.length; i++) {
            re[i] = (float) random.nextGaussian();
            im[i] = (float) random.nextGaussian();
            interleaved[2 * i] = re[i];
            interleaved[2 * i + 1] = im[i];
        }
    }

    /** Score / 128 = ns per transform. Strips of one vector in a row-major n x 64 array. */
    @Benchmark
    public float[] batchedForwardInverse() {
        int w = BatchedFft.vectorLanes();
        for (int c = 0; c < TRANSFORMS; c += w) {
            batched.forward(re, im, c, TRANSFORMS, Math.min(w, TRANSFORMS - c));
            batched.inverse(re, im, c, TRANSFORMS, Math.min(w, TRANSFORMS - c));
        }
        scale(re);
        scale(im);
        return re;
    }

    /** Score / 128 = ns per transform. */
    @Benchmark
    public float[] jtransformsForwardInverse() {
        for (int t = 0; t < TRANSFORMS; t++) {
            jtransforms.complexForward(interleaved, 2 * n * t);
            jtransforms.complexInverse(interleaved, 2 * n * t, false);
        }
        scale(interleaved);
        return interleaved;
    }

    /** Undoes the factor n of an unnormalised round trip, so that the data stay the same size. */
    private void scale(float[] a) {
        float k = 1f / n;
        for (int i = 0; i < a.length; i++) {
            a[i] *= k;
        }
    }
}
