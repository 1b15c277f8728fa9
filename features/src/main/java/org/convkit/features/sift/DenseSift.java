package org.convkit.features.sift;

import static org.convkit.features.sift.DenseSiftParameters.DIMENSION;
import static org.convkit.features.sift.DenseSiftParameters.ORIENTATIONS;
import static org.convkit.features.sift.DenseSiftParameters.SPATIAL_BINS;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.convkit.filters.Filters;
import org.convkit.filters.border.Border;
import org.convkit.filters.image.Plane;
import org.convkit.filters.kernel.Kernels;
import org.convkit.filters.parallel.Parallel;

/**
 * Dense SIFT as VLFeat's {@code vl_dsift} / {@code vl_phow} define it (Lowe 2004 descriptor on a grid).
 *
 * <p>For each bin size {@code s}: the image is smoothed (PHOW's sigma, see {@link DenseSiftParameters});
 * gradients are taken by central differences inside the image and one-sided differences on its first
 * and last rows and columns; each gradient's magnitude is split linearly between the two nearest of 8
 * orientation bins (angle {@code atan2(gy, gx)}, x to the right, y down, bin t centred on {@code t pi/4}).
 * A frame whose top-left bin centre is {@code (fx, fy)} has its 4x4 bin centres at
 * {@code (fx + i s, fy + j s)}; a pixel at offset {@code d} from a bin centre adds to it with the
 * bilinear weight {@code (1 - |dx|/s)(1 - |dy|/s)} (|d| &lt; s), times the Gaussian window of sigma
 * {@code windowSize * s} centred on the descriptor centre {@code (fx + 1.5 s, fy + 1.5 s)}; with
 * {@code fast} the window is flat inside each bin and the bin is scaled by the window's mean over the
 * bin's support, as VLFeat's flat window does. Pixels outside the image contribute nothing.
 * Frames start at PHOW's offset {@code floor(1.5 (maxSize - s))} and step by {@code step} while the
 * whole {@code 3s + 1}-pixel frame lies in the image.
 *
 * <p>Each descriptor is L2-normalised, clamped at {@code clamp}, renormalised; a descriptor whose norm
 * before normalisation (for intensities scaled to [0, 1]) is under the contrast threshold is all zero;
 * RootSIFT then takes the square root of the L1-normalised vector. Layout: orientation fastest, then
 * the bin column, then the bin row: {@code d[(j * 4 + i) * 8 + t]}.
 *
 * <p>Thread-safe; large images are split over frame rows with {@link Parallel}.
 */
public final class DenseSift {
    private static final VectorSpecies<Float> ROW = FloatVector.SPECIES_PREFERRED;
    /** Eight lanes: one orientation histogram per vector. */
    private static final VectorSpecies<Float> BIN = FloatVector.SPECIES_256;

    private final DenseSiftParameters params;

    public DenseSift(DenseSiftParameters params) {
        this.params = params;
    }

    public DenseSiftParameters parameters() { return params; }

    /** Number of descriptors {@link #extract} returns for an image of this size. */
    public int frameCount(int width, int height) {
        int n = 0;
        for (int s : params.sizes()) {
            n = Math.addExact(n, Math.multiplyExact(positions(width, s), positions(height, s)));
        }
        return n;
    }

    private int offset(int s) { return (int) Math.floor(1.5 * (params.maxSize() - s)); }

    private int positions(int extent, int s) {
        int last = extent - 1 - (SPATIAL_BINS - 1) * s;
        int off = offset(s);
        return last < off ? 0 : (last - off) / params.step() + 1;
    }

    /** All descriptors of {@code image} (one gray channel), size by size, each grid row by row. */
    public Descriptors extract(Plane image) {
        int w = image.width(), h = image.height();
        int total = frameCount(w, h);
        float[] data = new float[total * DIMENSION];
        float[] xs = new float[total], ys = new float[total], bs = new float[total];
        int first = 0;
        for (int s : params.sizes()) {
            int nx = positions(w, s), ny = positions(h, s);
            if (nx == 0 || ny == 0) {
                continue;
            }
            Plane smoothed = presmooth(image, params.smoothingSigma(s));
            float[] grads = orientationPlanes(smoothed);
            float[][] kernels = binKernels(s);
            int off = offset(s), base = first;
            int minChunk = (long) w * h < 1 << 15 ? ny : 2;
            Parallel.forRange(ny, minChunk, (from, to) -> {
                float[] rows = new float[SPATIAL_BINS * w * ORIENTATIONS];
                for (int j = from; j < to; j++) {
                    int fy = off + j * params.step();
                    poolRows(grads, w, h, fy, s, kernels, rows);
                    for (int i = 0; i < nx; i++) {
                        int fx = off + i * params.step();
                        int f = base + j * nx + i;
                        poolColumns(rows, w, fx, s, kernels, data, f * DIMENSION);
                        xs[f] = fx + 1.5f * s;
                        ys[f] = fy + 1.5f * s;
                        bs[f] = s;
                    }
                }
            });
            first += nx * ny;
        }
        for (int f = 0; f < total; f++) {
            normalise(data, f * DIMENSION);
        }
        return new Descriptors(total, DIMENSION, data, xs, ys, bs, w, h);
    }

    /**
     * PHOW's pre-smoothing as VLFeat's {@code vl_imsmooth} does it: a normalised Gaussian of radius
     * {@code ceil(4 sigma)}, samples beyond the border replicated ("continuity" padding).
     */
    static Plane presmooth(Plane image, double sigma) {
        if (sigma <= 0) {
            return image;
        }
        int radius = (int) Math.ceil(4 * sigma);
        return Filters.convolve(Kernels.gaussian(sigma, 2 * radius + 1)).apply(image, Border.REPLICATE);
    }

    /**
     * Gradient magnitudes split between orientation bins, interleaved: {@code g[(y w + x) 8 + t]}, so
     * that one 8-lane vector holds a pixel's whole orientation histogram.
     */
    static float[] orientationPlanes(Plane p) {
        int w = p.width(), h = p.height();
        float[] im = p.data();
        float[] g = new float[w * h * ORIENTATIONS];
        float binsPerRadian = (float) (ORIENTATIONS / (2 * Math.PI));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = y * w + x;
                float gx = w == 1 ? 0 : x == 0 ? im[o + 1] - im[o] : x == w - 1 ? im[o] - im[o - 1] : 0.5f * (im[o + 1] - im[o - 1]);
                float gy = h == 1 ? 0 : y == 0 ? im[o + w] - im[o] : y == h - 1 ? im[o] - im[o - w] : 0.5f * (im[o + w] - im[o - w]);
                float mag = (float) Math.sqrt(gx * gx + gy * gy);
                if (mag == 0) {
                    continue;
                }
                double angle = Math.atan2(gy, gx);
                if (angle < 0) {
                    angle += 2 * Math.PI;
                }
                float t = (float) angle * binsPerRadian;
                int b = (int) Math.floor(t);
                float r = t - b;
                g[o * ORIENTATIONS + (b % ORIENTATIONS)] += (1 - r) * mag;
                g[o * ORIENTATIONS + ((b + 1) % ORIENTATIONS)] += r * mag;
            }
        }
        return g;
    }

    /**
     * The weight of a pixel at offset {@code d} (|d| &lt; s) from the centre of bin {@code b} (0..3), one
     * row per bin: bilinear weight times the Gaussian window (or, for {@code fast}, the window's mean
     * over the bin's support).
     */
    float[][] binKernels(int s) {
        float[][] k = new float[SPATIAL_BINS][2 * s - 1];
        double sigma = params.windowSize() * s;
        for (int b = 0; b < SPATIAL_BINS; b++) {
            double centre = (b - 0.5 * (SPATIAL_BINS - 1)) * s;
            double mean = 0;
            for (int d = -s + 1; d < s; d++) {
                double z = (d + centre) / sigma;
                mean += Math.exp(-0.5 * z * z);
            }
            mean /= 2 * s - 1;
            for (int d = -s + 1; d < s; d++) {
                double z = (d + centre) / sigma;
                double window = params.fast() ? mean : Math.exp(-0.5 * z * z);
                k[b][d + s - 1] = (float) ((1 - Math.abs(d) / (double) s) * window);
            }
        }
        return k;
    }

    /** For one frame row: rows[b] = the interleaved gradient rows weighted by bin row b's kernel. */
    private static void poolRows(float[] g, int w, int h, int fy, int s, float[][] k, float[] rows) {
        int len = w * ORIENTATIONS;
        Arrays.fill(rows, 0f);
        int bound = ROW.loopBound(len);
        for (int b = 0; b < SPATIAL_BINS; b++) {
            int cy = fy + b * s, out = b * len;
            for (int d = -s + 1; d < s; d++) {
                int y = cy + d;
                if (y < 0 || y >= h) {
                    continue;
                }
                float kd = k[b][d + s - 1];
                FloatVector kv = FloatVector.broadcast(ROW, kd);
                int in = y * len;
                int i = 0;
                for (; i < bound; i += ROW.length()) {
                    FloatVector acc = FloatVector.fromArray(ROW, rows, out + i);
                    FloatVector.fromArray(ROW, g, in + i).fma(kv, acc).intoArray(rows, out + i);
                }
                for (; i < len; i++) {
                    rows[out + i] += kd * g[in + i];
                }
            }
        }
    }

    /** Pools the row-weighted gradients over each bin column of the frame at {@code fx}. */
    private static void poolColumns(float[] rows, int w, int fx, int s, float[][] k, float[] dst, int at) {
        int len = w * ORIENTATIONS;
        for (int by = 0; by < SPATIAL_BINS; by++) {
            for (int bx = 0; bx < SPATIAL_BINS; bx++) {
                int cx = fx + bx * s;
                FloatVector acc = FloatVector.zero(BIN);
                float[] kb = k[bx];
                for (int d = Math.max(-s + 1, -cx); d < s && cx + d < w; d++) {
                    acc = FloatVector.fromArray(BIN, rows, by * len + (cx + d) * ORIENTATIONS).fma(FloatVector.broadcast(BIN, kb[d + s - 1]), acc);
                }
                acc.intoArray(dst, at + (by * SPATIAL_BINS + bx) * ORIENTATIONS);
            }
        }
    }

    /** SIFT normalisation, contrast threshold and RootSIFT of the descriptor at {@code at}. */
    private void normalise(float[] d, int at) {
        double norm = l2(d, at);
        if (norm == 0 || norm / params.inputWhite() < params.contrastThreshold()) {
            Arrays.fill(d, at, at + DIMENSION, 0f);
            return;
        }
        float inv = (float) (1 / norm), clamp = (float) params.clamp();
        for (int i = at; i < at + DIMENSION; i++) {
            d[i] = Math.min(d[i] * inv, clamp);
        }
        inv = (float) (1 / l2(d, at));
        for (int i = at; i < at + DIMENSION; i++) {
            d[i] *= inv;
        }
        if (params.rootSift()) {
            double l1 = 0;
            for (int i = at; i < at + DIMENSION; i++) {
                l1 += d[i];
            }
            for (int i = at; i < at + DIMENSION; i++) {
                d[i] = (float) Math.sqrt(d[i] / l1);
            }
        }
    }

    private static double l2(float[] d, int at) {
        double s = 0;
        for (int i = at; i < at + DIMENSION; i++) {
            s += (double) d[i] * d[i];
        }
        return Math.sqrt(s);
    }
}
