package org.convkit.features.hog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.convkit.features.FeatureExtractor;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;

/**
 * Histogram of Oriented Gradients (Dalal &amp; Triggs, CVPR 2005), computed as scikit-image's
 * {@code skimage.feature.hog} computes it, so that the two give the same vector:
 * <ol>
 * <li>optional square root of every sample ({@code transform_sqrt});</li>
 * <li>unscaled central differences {@code I[y+1]-I[y-1]}, {@code I[x+1]-I[x-1]}, with the component
 *     across the first and last row (column) set to zero; for several channels, per pixel the channel
 *     whose gradient magnitude is largest (the first one on ties);</li>
 * <li>unsigned orientation {@code atan2(gy, gx)} in degrees modulo 180, hard-binned into
 *     {@code [k w, (k+1) w)} with {@code w = 180 / orientations}; per cell the sum of the magnitudes
 *     in each bin, accumulated in float32 and divided by the cell's area (scikit-image's
 *     {@code cell_hog}); cells that do not fit whole are dropped;</li>
 * <li>every block of cells normalised ({@link BlockNorm}) and written in C order:
 *     (block row, block column, cell row, cell column, orientation).</li>
 * </ol>
 * Orientations are binned with a fast arctangent; the few gradients within 1e-4 degrees of a bin
 * boundary are binned again with the exact formula so that the result never depends on the
 * approximation.
 */
public final class Hog implements FeatureExtractor {
    /** Distance (degrees) to a bin boundary under which the exact formula decides. */
    private static final double BOUNDARY_TOLERANCE = 1e-4;
    private static final double DEGREES = 180.0 / Math.PI;
    /**
     * Chunks of at least this many pixels are binned with vectors, smaller ones with the scalar loop.
     * Once compiled the vector binning is about 2x faster per image (28x28 and 512x512), but until C2
     * has compiled it, it is far slower than the scalar code: `convkit features` on the 10,000 28x28
     * Fashion-MNIST images (784-pixel chunks, scalar) still finished first with the scalar path in
     * every A/B run, AOT profiles or not (bench/RESULTS.md).
     */
    static final int VECTOR_MIN_PIXELS = 1024;
    /** Pixels binned per call: a 28x28 image in one, a 512-wide image 8 rows at a time. */
    static final int CHUNK = 4096;
    private static final double TAN_PI_8 = 0.41421356237309503;
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private final HogParameters p;
    /** Bin boundaries as scikit-image computes them: {@code (180 / n) * k}, k = 0..n. */
    private final double[] bounds;
    private final double binsPerDegree;

    public Hog(HogParameters parameters) {
        this.p = parameters;
        int n = parameters.orientations();
        double width = 180.0 / n;
        bounds = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            bounds[k] = width * k;
        }
        binsPerDegree = n / 180.0;
    }

    public HogParameters parameters() { return p; }

    @Override
    public int length(int width, int height, int channels) { return p.length(width, height); }

    @Override
    public void extract(FloatImage image, float[] out, int offset) {
        int w = image.width();
        int h = image.height();
        int len = p.length(w, h);
        if (offset < 0 || offset + len > out.length) {
            throw new IllegalArgumentException("output too short for a HOG vector of " + len);
        }
        normalizeBlocks(cellHistograms(image), w, h, out, offset);
    }

    /**
     * The cell histograms, {@code [cellsDown][cellsAcross][orientations]} flattened in C order; each
     * value is the mean gradient magnitude of the cell's pixels whose orientation falls in the bin.
     */
    public float[] cellHistograms(FloatImage image) {
        int w = image.width();
        int h = image.height();
        int n = p.orientations();
        int cellsDown = p.cellsDown(h);
        int cellsAcross = p.cellsAcross(w);
        float[] hist = new float[Math.max(0, cellsDown * cellsAcross * n)];
        if (cellsDown == 0 || cellsAcross == 0) {
            return hist;
        }
        int rowsUsed = cellsDown * p.cellRows();
        int colsUsed = cellsAcross * p.cellCols();
        int[] colOffset = new int[colsUsed];
        for (int x = 0; x < colsUsed; x++) {
            colOffset[x] = (x / p.cellCols()) * n;
        }
        double[][] channels = samples(image);
        // Rows go through the binning in chunks of about CHUNK pixels (a whole 28x28 image at once): one
        // long loop per chunk is what lets the vector binning pay off on tiny images, and it is hot
        // (compiled) after a few images instead of after thousands of short calls.
        int chunkRows = Math.max(1, Math.min(rowsUsed, CHUNK / colsUsed));
        int chunk = chunkRows * colsUsed;
        double[] gr = new double[chunk];
        double[] gc = new double[chunk];
        double[] bins = new double[chunk];
        for (int y0 = 0; y0 < rowsUsed; y0 += chunkRows) {
            int rows = Math.min(chunkRows, rowsUsed - y0);
            for (int j = 0; j < rows; j++) {
                rowGradients(channels, w, h, y0 + j, colsUsed, gr, gc, j * colsUsed);
            }
            int count = rows * colsUsed;
            if (count >= VECTOR_MIN_PIXELS) {
                binRowVector(gr, gc, count, bins);
            } else {
                binRowScalar(gr, gc, count, bins);
            }
            for (int j = 0; j < rows; j++) {
                int rowBase = ((y0 + j) / p.cellRows()) * cellsAcross * n;
                int base = j * colsUsed;
                for (int x = 0; x < colsUsed; x++) {
                    int i = base + x;
                    int bin = (int) bins[i];
                    if (bin < 0) {
                        bin = exactBin(gr[i], gc[i]);
                    }
                    if (bin >= 0) { // float += double rounds like scikit-image's float total
                        hist[rowBase + colOffset[x] + bin] += Math.sqrt(gr[i] * gr[i] + gc[i] * gc[i]);
                    }
                }
            }
        }
        float area = p.cellRows() * p.cellCols();
        for (int i = 0; i < hist.length; i++) {
            hist[i] = hist[i] / area;
        }
        return hist;
    }

    /** The channels as double samples, square-rooted when asked, as scikit-image works in float64. */
    private double[][] samples(FloatImage image) {
        double[][] out = new double[image.channelCount()][];
        for (int c = 0; c < out.length; c++) {
            float[] src = image.channel(c).data();
            double[] d = new double[src.length];
            if (p.transformSqrt()) {
                for (int i = 0; i < src.length; i++) {
                    d[i] = Math.sqrt(src[i]);
                }
            } else {
                for (int i = 0; i < src.length; i++) {
                    d[i] = src[i];
                }
            }
            out[c] = d;
        }
        return out;
    }

    /** Row and column gradients of row {@code y}, columns {@code [0, cols)}; dominant channel per pixel. */
    private static void rowGradients(double[][] channels, int w, int h, int y, int cols, double[] gr, double[] gc, int o) {
        gradientOf(channels[0], w, h, y, cols, gr, gc, o);
        if (channels.length == 1) {
            return;
        }
        double[] best = new double[cols];
        for (int x = 0; x < cols; x++) {
            best[x] = gr[o + x] * gr[o + x] + gc[o + x] * gc[o + x];
        }
        double[] r = new double[cols];
        double[] c = new double[cols];
        for (int ch = 1; ch < channels.length; ch++) {
            gradientOf(channels[ch], w, h, y, cols, r, c, 0);
            for (int x = 0; x < cols; x++) {
                double m = r[x] * r[x] + c[x] * c[x];
                if (m > best[x]) { // strictly larger: the first channel wins ties, as numpy's argmax
                    best[x] = m;
                    gr[o + x] = r[x];
                    gc[o + x] = c[x];
                }
            }
        }
    }

    /** Gradients of row y, columns {@code [0, cols)}, into {@code gr, gc} from index {@code o}. */
    private static void gradientOf(double[] s, int w, int h, int y, int cols, double[] gr, double[] gc, int o) {
        int row = y * w;
        if (y == 0 || y == h - 1) {
            java.util.Arrays.fill(gr, o, o + cols, 0.0);
        } else {
            for (int x = 0; x < cols; x++) {
                gr[o + x] = s[row + w + x] - s[row - w + x];
            }
        }
        int last = Math.min(cols, w - 1);
        gc[o] = 0;
        for (int x = 1; x < last; x++) {
            gc[o + x] = s[row + x + 1] - s[row + x - 1];
        }
        if (cols == w) {
            gc[o + w - 1] = 0;
        }
    }

    /** {@link #binRowVector}'s contract, one pixel at a time with few branches (cheap before the JIT warms up). */
    void binRowScalar(double[] gr, double[] gc, int cols, double[] bins) {
        int last = bounds.length - 2;
        double width = 180.0 / (bounds.length - 1);
        for (int x = 0; x < cols; x++) {
            double r0 = gr[x];
            double c0 = gc[x];
            double sign = r0 < 0 ? -1 : 1;
            double r = r0 * sign;
            double c = c0 * sign;
            double ac = Math.abs(c);
            double a = Math.min(r, ac) / Math.max(r, ac);
            boolean big = a > TAN_PI_8;
            double z = big ? (a - 1) / (a + 1) : a;
            double t = atanSmall(z) + (big ? Math.PI / 4 : 0);
            t = r > ac ? Math.PI / 2 - t : t;
            t = c < 0 ? Math.PI - t : t;
            double deg = t * DEGREES;
            int b = Math.min((int) (deg * binsPerDegree), last);
            boolean near = !(deg - b * width >= BOUNDARY_TOLERANCE && (b + 1) * width - deg >= BOUNDARY_TOLERANCE);
            bins[x] = r0 == 0 ? 0 : near ? -1 : b;
        }
    }

    /**
     * The bins of a row of gradients, {@link #bin} with vectors: {@code bins[x]} is the bin, or -1 where
     * the gradient lies within the tolerance of a boundary and {@link #exactBin} must decide.
     */
    void binRowVector(double[] gr, double[] gc, int cols, double[] bins) {
        int n = bounds.length - 1;
        double width = 180.0 / n;
        int x = 0;
        for (int bound = SPECIES.loopBound(cols); x < bound; x += SPECIES.length()) {
            DoubleVector r0 = DoubleVector.fromArray(SPECIES, gr, x);
            DoubleVector c0 = DoubleVector.fromArray(SPECIES, gc, x);
            VectorMask<Double> flip = r0.lt(0);
            DoubleVector r = r0.blend(r0.neg(), flip);
            DoubleVector c = c0.blend(c0.neg(), flip);
            DoubleVector ac = c.abs();
            VectorMask<Double> steep = r.compare(VectorOperators.GT, ac);
            DoubleVector a = r.min(ac).div(r.max(ac));
            VectorMask<Double> big = a.compare(VectorOperators.GT, TAN_PI_8);
            DoubleVector z = a.blend(a.sub(1).div(a.add(1)), big);
            DoubleVector z2 = z.mul(z);
            DoubleVector t = z2.mul(8.05374449538e-2).sub(1.38776856032e-1).mul(z2).add(1.99777106478e-1).mul(z2)
                    .sub(3.33329491539e-1).mul(z2).mul(z).add(z);
            t = t.add(DoubleVector.zero(SPECIES).blend(Math.PI / 4, big));
            t = t.blend(DoubleVector.broadcast(SPECIES, Math.PI / 2).sub(t), steep);
            t = t.blend(DoubleVector.broadcast(SPECIES, Math.PI).sub(t), c.lt(0));
            DoubleVector deg = t.mul(DEGREES);
            DoubleVector bin = ((DoubleVector) deg.mul(binsPerDegree).convert(VectorOperators.D2L, 0)
                    .convert(VectorOperators.L2D, 0)).min(n - 1); // truncation is floor here: deg >= 0
            VectorMask<Double> near = deg.sub(bin.mul(width)).lt(BOUNDARY_TOLERANCE)
                    .or(bin.add(1).mul(width).sub(deg).lt(BOUNDARY_TOLERANCE))
                    .or(deg.test(VectorOperators.IS_NAN));
            bin = bin.blend(-1, near).blend(0, r0.eq(0));
            bin.intoArray(bins, x);
        }
        for (; x < cols; x++) {
            double r = gr[x];
            double c = gc[x];
            if (r == 0) {
                bins[x] = 0;
                continue;
            }
            double deg = approxDegrees(r, c);
            int b = Math.min((int) (deg * binsPerDegree), bounds.length - 2);
            bins[x] = deg - bounds[b] < BOUNDARY_TOLERANCE || bounds[b + 1] - deg < BOUNDARY_TOLERANCE ? -1 : b;
        }
    }

    /** The orientation bin of gradient (gr, gc), or -1 when scikit-image's binning drops it. */
    int bin(double gr, double gc) {
        if (gr == 0) {
            return 0; // atan2(+-0, x) is 0 or +-180 degrees: 0 after the modulus
        }
        double deg = approxDegrees(gr, gc);
        int b = (int) (deg * binsPerDegree);
        if (b >= bounds.length - 1) {
            b = bounds.length - 2;
        }
        if (deg - bounds[b] < BOUNDARY_TOLERANCE || bounds[b + 1] - deg < BOUNDARY_TOLERANCE) {
            return exactBin(gr, gc);
        }
        return b;
    }

    /** scikit-image's arithmetic: {@code rad2deg(arctan2(gr, gc)) % 180} and half-open bins. */
    int exactBin(double gr, double gc) {
        double o = Math.atan2(gr, gc) * DEGREES;
        double m = o % 180.0; // C fmod; numpy's % then moves a negative remainder up by the divisor
        if (m < 0) {
            m += 180.0;
        } else if (m == 0) {
            m = 0.0;
        }
        for (int k = 0; k < bounds.length - 1; k++) {
            if (m >= bounds[k] && m < bounds[k + 1]) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Unsigned orientation in degrees, [0, 180], for {@code gr != 0}, to about 1e-6 degrees: Cephes'
     * arctangent polynomial after reduction to [0, tan(pi/8)].
     */
    static double approxDegrees(double gr, double gc) {
        if (gr < 0) {
            gr = -gr;
            gc = -gc;
        }
        double ac = Math.abs(gc);
        boolean steep = gr > ac;
        double a = steep ? ac / gr : gr / ac;
        double t;
        if (a > 0.41421356237309503) {
            double z = (a - 1) / (a + 1);
            t = Math.PI / 4 + atanSmall(z);
        } else {
            t = atanSmall(a);
        }
        if (steep) {
            t = Math.PI / 2 - t;
        }
        if (gc < 0) {
            t = Math.PI - t;
        }
        return t * DEGREES;
    }

    private static double atanSmall(double x) {
        double z = x * x;
        return ((((8.05374449538e-2 * z - 1.38776856032e-1) * z + 1.99777106478e-1) * z
                - 3.33329491539e-1) * z) * x + x;
    }

    /** Normalises every block of {@code hist} into {@code out}, scikit-image's C order. */
    private void normalizeBlocks(float[] hist, int w, int h, float[] out, int offset) {
        int n = p.orientations();
        int br = p.blockRows();
        int bc = p.blockCols();
        int cellsAcross = p.cellsAcross(w);
        int blocksDown = p.blocksDown(h);
        int blocksAcross = p.blocksAcross(w);
        int blockLen = br * bc * n;
        double[] block = new double[blockLen];
        int o = offset;
        for (int r = 0; r < blocksDown; r++) {
            for (int c = 0; c < blocksAcross; c++) {
                int k = 0;
                for (int i = 0; i < br; i++) {
                    int src = ((r + i) * cellsAcross + c) * n;
                    for (int j = 0; j < bc * n; j++) {
                        block[k++] = hist[src + j];
                    }
                }
                p.norm().apply(block, 0, blockLen);
                for (int j = 0; j < blockLen; j++) {
                    out[o++] = (float) block[j];
                }
            }
        }
    }

    /**
     * scikit-image's {@code visualize=True} picture: for each cell and orientation, a line through the
     * cell centre perpendicular to the bin's mid-angle, of radius {@code min(cell) / 2 - 1}, whose pixels
     * gain the bin's value (Bresenham lines, as {@code skimage.draw.line}). {@code scale} draws it
     * {@code scale} times larger (cells of {@code scale * cell} pixels); 1 is scikit-image's picture.
     */
    public Plane visualize(FloatImage image, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("visualisation scale must be at least 1, got " + scale);
        }
        float[] hist = cellHistograms(image);
        int n = p.orientations();
        int cr = p.cellRows() * scale;
        int cc = p.cellCols() * scale;
        int rows = image.height() * scale;
        int cols = image.width() * scale;
        int cellsDown = p.cellsDown(image.height());
        int cellsAcross = p.cellsAcross(image.width());
        int radius = Math.min(cr, cc) / 2 - 1;
        double[] dr = new double[n];
        double[] dc = new double[n];
        for (int o = 0; o < n; o++) {
            double mid = Math.PI * (o + 0.5) / n;
            dr[o] = radius * Math.sin(mid);
            dc[o] = radius * Math.cos(mid);
        }
        double[] acc = new double[rows * cols];
        for (int r = 0; r < cellsDown; r++) {
            for (int c = 0; c < cellsAcross; c++) {
                int centreR = r * cr + cr / 2;
                int centreC = c * cc + cc / 2;
                for (int o = 0; o < n; o++) {
                    double v = hist[(r * cellsAcross + c) * n + o];
                    Line.draw((int) (centreR - dc[o]), (int) (centreC + dr[o]),
                            (int) (centreR + dc[o]), (int) (centreC - dr[o]),
                            (y, x) -> {
                                if (y >= 0 && y < rows && x >= 0 && x < cols) {
                                    acc[y * cols + x] += v;
                                }
                            });
                }
            }
        }
        float[] data = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            data[i] = (float) acc[i];
        }
        return new Plane(cols, rows, data);
    }
}
