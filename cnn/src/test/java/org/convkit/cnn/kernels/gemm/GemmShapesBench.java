package org.convkit.cnn.kernels.gemm;

/** Packed GEMM versus the dot-product kernel on convolution weight-gradient shapes (A * B^T). Harness, not a test. */
public final class GemmShapesBench {
    public static void main(String[] args) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        int[][] shapes = {{6, 25, 3920}, {16, 150, 4000}, {32, 288, 3920}, {64, 576, 3920}, {32, 9, 3920}, {128, 400, 64}};
        for (int round = 0; round < 2; round++) {
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                float[] a = new float[m * k], b = new float[n * k], c = new float[m * n];
                java.util.Arrays.fill(a, 0.5f);
                java.util.Arrays.fill(b, 0.25f);
                double flops = 2.0 * m * n * k;
                int reps = (int) Math.max(5, 3e9 / flops);
                long t0 = mx.getCurrentThreadCpuTime();
                for (int r = 0; r < reps; r++) {
                    VectorGemm.sgemm(false, true, m, n, k, a, 0, k, b, 0, k, false, c, 0, n);
                }
                double packed = flops * reps / (mx.getCurrentThreadCpuTime() - t0);
                t0 = mx.getCurrentThreadCpuTime();
                for (int r = 0; r < reps; r++) {
                    DotGemm.sgemm(m, n, k, a, 0, k, b, 0, k, false, c, 0, n);
                }
                double dot = flops * reps / (mx.getCurrentThreadCpuTime() - t0);
                System.out.printf("m=%d n=%d k=%d  packed %.1f GFLOP/s  dot %.1f GFLOP/s%n", m, n, k, packed, dot);
            }
        }
    }
}
