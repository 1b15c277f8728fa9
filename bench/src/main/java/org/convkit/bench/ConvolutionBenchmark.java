package org.convkit.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convkit.filters.Filter;
import org.convkit.filters.Filters;
import org.convkit.filters.border.Border;
import org.convkit.filters.image.Plane;
import org.convkit.filters.kernel.Kernel;
import org.convkit.filters.kernel.Kernels;
import org.convkit.filters.parallel.Parallel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Convolution throughput on one 4096x4096 float image, reported as operations (= images) per second;
 * megapixels per second = ops/s * 16.777216. The kernels: a non-separable
 * 3x3 (laplacian8, the same weights OpenCV is given), a random non-separable 7x7, and the Gaussian of
 * sigma 2 (17 taps, two 1-D passes). The border is reflect101, filter2D's default.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms3g", "-Xmx3g"})
public class ConvolutionBenchmark {
    public static final int SIZE = 4096;

    @Param({"1", "2"})
    public int threads;

    @Param({"laplacian8-3x3", "random-7x7", "gaussian-sigma2"})
    public String kernel;

    private Plane image;
    private Plane output;
    private Filter filter;

    /** The 7x7 kernel: fixed random weights, clearly not rank 1. */
    public static Kernel random7x7() {
        Random r = new Random(7);
        float[] w = new float[49];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return new Kernel(7, 7, w);
    }

    public static Filter filter(String name) {
        return switch (name) {
            case "laplacian8-3x3" -> Filters.correlate(Kernels.laplacian8());
            case "random-7x7" -> Filters.correlate(random7x7());
            case "gaussian-sigma2" -> Filters.convolve(Kernels.gaussian(2));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The thread count, bound around each call (the binding costs nanoseconds, the filter microseconds). */
    private ScopedValue.Carrier scope;

    @Setup(Level.Trial)
    public void setUp() {
        scope = Parallel.withThreads(threads);
        Random r = new Random(1);
        float[] d = new float[SIZE * SIZE];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextInt(256);
        }
        image = new Plane(SIZE, SIZE, d);
        output = new Plane(SIZE, SIZE);
        filter = filter(kernel);
    }

    /** A new output plane per call, as {@code cv2.filter2D(img, -1, k)} in Python allocates one. */
    @Benchmark
    public Plane filter() {
        return scope.call(() -> filter.apply(image, Border.REFLECT_101));
    }

    /** Into a reused output plane, as {@code cv2.filter2D(img, -1, k, dst=out)}. */
    @Benchmark
    public Plane filterInto() {
        return scope.call(() -> {
            filter.apply(image, Border.REFLECT_101, output);
            return output;
        });
    }
}
