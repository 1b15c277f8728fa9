package org.convkit.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.convkit.filters.gemm.Gemm;
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
 * The cnn engine's float32 GEMM ({@code C = A B}, square, row-major) as operations per second;
 * GFLOP/s = ops/s * 2 n^3 / 1e9. bench/cnn_gemm.py runs it next to NumPy/OpenBLAS and prints the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    @Param({"256", "512", "1024"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    private float[] a, b, c;
    /** The thread count, bound around each product (the binding costs nanoseconds, a product microseconds). */
    private ScopedValue.Carrier scope;

    @Setup(Level.Trial)
    public void setUp() {
        scope = Parallel.withThreads(threads);
        SplittableRandom rnd = new SplittableRandom(1);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble();
            b[i] = (float) rnd.nextDouble();
        }
    }

    @Benchmark
    public float[] sgemm() {
        return scope.call(() -> {
            Gemm.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
            return c;
        });
    }
}
