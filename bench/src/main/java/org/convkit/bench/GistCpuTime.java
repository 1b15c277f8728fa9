package org.convkit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.convkit.features.gist.Gist;
import org.convkit.filters.image.FloatImage;

/**
 * GIST of {@link HogGistBenchmark}'s 256x256 texture on each FFT ({@link Gist.Fft}), one thread, warm,
 * timed by the CPU time of the thread (what the work costs, which other processes on the machine
 * barely change) and by the wall clock. Rounds alternate between the FFTs so that both see the same
 * load; prints the median and quartiles of the per-image times of each.
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.convkit.bench.GistCpuTime [rounds] [images per round] [VECTOR,JTRANSFORMS]
 * </pre>
 */
public final class GistCpuTime {
    private GistCpuTime() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        FloatImage image = new FloatImage(HogGistBenchmark.texture(256, 256));
        Gist.Fft[] ffts = args.length > 2 ? Arrays.stream(args[2].split(",")).map(Gist.Fft::valueOf).toArray(Gist.Fft[]::new)
                : Gist.Fft.values();
        Gist[] gists = new Gist[ffts.length];
        for (int f = 0; f < ffts.length; f++) {
            gists[f] = new Gist(HogGistBenchmark.GIST_256, ffts[f]);
            for (int i = 0; i < 40; i++) { // warm-up: C2 compiles the loops
                gists[f].extract(image);
            }
        }
        double[][] cpu = new double[ffts.length][rounds];
        double[][] wall = new double[ffts.length][rounds];
        float check = 0;
        for (int r = 0; r < rounds; r++) {
            for (int f = 0; f < ffts.length; f++) {
                long c0 = bean.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    check += gists[f].extract(image)[0];
                }
                cpu[f][r] = (bean.getCurrentThreadCpuTime() - c0) / 1e6 / perRound;
                wall[f][r] = (System.nanoTime() - w0) / 1e6 / perRound;
            }
        }
        System.out.printf("GIST 256x256 (8,8,8,8, 4x4 blocks, boundary 32), one thread, %d rounds of %d images, %s%n",
                rounds, perRound, System.getProperty("os.arch"));
        for (int f = 0; f < ffts.length; f++) {
            System.out.printf("%-12s cpu ms/image: median %.2f (quartiles %.2f-%.2f)   wall: median %.2f (%.2f-%.2f)%n",
                    ffts[f], q(cpu[f], 0.5), q(cpu[f], 0.25), q(cpu[f], 0.75), q(wall[f], 0.5), q(wall[f], 0.25), q(wall[f], 0.75));
        }
        if (check == 12345) {
            System.out.println();
        }
    }

    private static double q(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.round(p * (s.length - 1))];
    }
}
