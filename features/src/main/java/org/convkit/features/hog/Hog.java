package org.convkit.features.hog;

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
 * Orientations are binned without an arctangent, by the signs of the gradient's cross products with
 * the bin boundaries; the few gradients within 1e-4 degrees of a boundary are binned again with the
 * exact formula, so that the result never depends on the shortcut.
 */
public final class Hog implements FeatureExtractor {
    /** Distance (degrees) to a bin boundary under which the exact formula decides. */
    private static final double BOUNDARY_TOLERANCE = 1e-4;
    /** A gradient g is that close to boundary k when its cross product with it is at most {@code SIN_TOLERANCE |g|}. */
    private static final double SIN_TOLERANCE = Math.sin(Math.toRadians(BOUNDARY_TOLERANCE));
    private static final double DEGREES = 180.0 / Math.PI;

    private final HogParameters p;
    /** Bin boundaries as scikit-image computes them: {@code (180 / n) * k}, k = 0..n. */
    private final double[] bounds;
    /** Directions of the inner boundaries {@code k pi / n}, k = 1..n-1. */
    private final double[] boundaryCos;
    private final double[] boundarySin;
    /** Bins of the integer gradients of 8-bit images ({@link #byteGradientBins}); null until first needed. */
    private volatile byte[] byteBins;

    public Hog(HogParameters parameters) {
        this.p = parameters;
        int n = parameters.orientations();
        double width = 180.0 / n;
        bounds = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            bounds[k] = width * k;
        }
        boundaryCos = new double[n - 1];
        boundarySin = new double[n - 1];
        for (int k = 1; k < n; k++) {
            boundaryCos[k - 1] = Math.cos(Math.PI * k / n);
            boundarySin[k - 1] = Math.sin(Math.PI * k / n);
        }
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
        // 8-bit samples give integer gradients in [-255, 255]: their bins come from a table.
        byte[] table = n <= Byte.MAX_VALUE && byteValued(channels) ? byteGradientBins() : null;
        double[] gr = new double[colsUsed];
        double[] gc = new double[colsUsed];
        for (int y = 0; y < rowsUsed; y++) {
            rowGradients(channels, w, h, y, colsUsed, gr, gc);
            int rowBase = (y / p.cellRows()) * cellsAcross * n;
            for (int x = 0; x < colsUsed; x++) {
                double r = gr[x];
                double c = gc[x];
                double magnitude = Math.sqrt(r * r + c * c);
                int bin = table != null ? table[byteGradientIndex(r, c)] : bin(r, c, magnitude);
                if (bin >= 0) { // float += double rounds like scikit-image's float total
                    hist[rowBase + colOffset[x] + bin] += magnitude;
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
    private static void rowGradients(double[][] channels, int w, int h, int y, int cols, double[] gr, double[] gc) {
        int o = 0;
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

    /** The orientation bin of gradient (gr, gc) as {@link #exactBin} defines it, or -1 when that drops it (NaN). */
    int bin(double gr, double gc) { return bin(gr, gc, Math.sqrt(gr * gr + gc * gc)); }

    /**
     * {@link #bin(double, double)} given the magnitude. Turned into the half plane gr >= 0 (orientation
     * is unsigned), the gradient lies past boundary k exactly when its cross product with the boundary's
     * direction, {@code |g| sin(theta - theta_k)}, is positive: the bin is the number of such
     * boundaries. No arctangent, no division and no data-dependent branch (sign bits are counted, two
     * integer chains); where a cross product is within 1e-4 degrees' worth of zero, or on the 0/180
     * degree line, or for a zero or NaN gradient, the exact formula decides.
     */
    int bin(double gr, double gc, double magnitude) {
        double s = Math.copySign(1.0, gr);
        double r = gr * s;
        double c = gc * s;
        double tolerance = SIN_TOLERANCE * magnitude;
        int belowTolerance = signBit(r - tolerance); // near the 0/180 degree line
        int negative = 0;
        for (int k = 0; k < boundaryCos.length; k++) {
            double d = boundaryCos[k] * r - boundarySin[k] * c;
            belowTolerance += signBit(d - tolerance);
            negative += signBit(d + tolerance);
        }
        if (belowTolerance != negative || !(magnitude > 0)) { // some |d| within the tolerance
            return gr == 0 ? 0 : exactBin(gr, gc); // atan2(+-0, gc) is 0 or +-180 degrees: bin 0
        }
        return boundaryCos.length - negative;
    }

    private static int signBit(double v) { return (int) (Double.doubleToRawLongBits(v) >>> 63); }

    /** Whether every sample is an integer in [0, 255], so that gradients are integers in [-255, 255]. */
    private static boolean byteValued(double[][] channels) {
        for (double[] ch : channels) {
            for (double v : ch) {
                if (!(v >= 0 && v <= 255 && v == (int) v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Index of integer gradient (gr, gc) in {@link #byteGradientBins}, after turning it into gr >= 0 without a branch. */
    private static int byteGradientIndex(double gr, double gc) {
        double s = Math.copySign(1.0, gr);
        return (int) (gr * s) * 511 + (int) (gc * s) + 255;
    }

    /** {@link #bin(double, double)} of every integer gradient with gr in [0, 255], gc in [-255, 255]; made once, on first use. */
    private byte[] byteGradientBins() {
        byte[] t = byteBins;
        if (t == null) {
            t = new byte[256 * 511];
            for (int r = 0; r <= 255; r++) {
                for (int c = -255; c <= 255; c++) {
                    t[r * 511 + c + 255] = (byte) bin(r, c);
                }
            }
            byteBins = t; // a race only builds the same table twice
        }
        return t;
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
