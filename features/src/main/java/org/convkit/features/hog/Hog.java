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
 *     {@code cell_hog}); cells that do not fit whole are dropped; with {@link HogParameters#signed()},
 *     {@code atan2(gy, gx)} modulo 360 into bin {@code floor(angle / w)}, {@code w = 360 / orientations}
 *     (convkit's own option, checked against the NumPy HOG of bench/screening, testdata/features/make_signed_hog_refs.py);</li>
 * <li>every block of cells normalised ({@link BlockNorm}) and written in C order:
 *     (block row, block column, cell row, cell column, orientation).</li>
 * </ol>
 * Orientations are binned without an arctangent, by the signs of the gradient's cross products with
 * the bin boundaries; the few gradients within 1e-4 degrees of a boundary are binned again with the
 * exact formula, so that the result never depends on the shortcut. Signed orientations first take the
 * gradient into the upper half plane (gy &gt;= 0) and then compare it with that half's boundaries.
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
    /**
     * Directions of the boundaries a gradient turned into the upper half plane is compared with, per half plane it
     * came from ([0] upper, [1] lower). Unsigned, both halves hold the inner boundaries {@code k pi / n}, k = 1..n-1.
     * Signed, each holds the boundaries {@code 2 k pi / n} strictly inside it ({@code ceil(n / 2) - 1}), the lower
     * ones turned by 180 degrees, and a gradient of the lower half is past the {@code lowerBase} boundaries up to
     * and including 180 degrees (unsigned: 0).
     */
    private final double[][] halfBoundaryCos;
    private final double[][] halfBoundarySin;
    private final int lowerBase;
    /** Signed bin width, {@code 360 / n} as the NumPy reference computes it. */
    private final double signedWidth;
    /**
     * Bins of the integer gradients of 8-bit images ({@link #byteGradientBins}) per orientation count,
     * shared by every Hog (a multi-scale HOG has several with the same count); each made on first use.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, byte[]> BYTE_BINS = new java.util.concurrent.ConcurrentHashMap<>();

    public Hog(HogParameters parameters) {
        this.p = parameters;
        int n = parameters.orientations();
        double width = 180.0 / n;
        bounds = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            bounds[k] = width * k;
        }
        if (parameters.signed()) {
            int perHalf = (n + 1) / 2 - 1;
            halfBoundaryCos = new double[2][perHalf];
            halfBoundarySin = new double[2][perHalf];
            for (int k = 1; 2 * k < n; k++) { // upper half: 0 < 2 k pi / n < pi
                halfBoundaryCos[0][k - 1] = Math.cos(2 * Math.PI * k / n);
                halfBoundarySin[0][k - 1] = Math.sin(2 * Math.PI * k / n);
            }
            lowerBase = n / 2; // k = 1..floor(n/2): boundaries at most 180 degrees
            for (int k = lowerBase + 1; k < n; k++) { // lower half, turned up: 2 k pi / n - pi
                halfBoundaryCos[1][k - lowerBase - 1] = Math.cos(2 * Math.PI * k / n - Math.PI);
                halfBoundarySin[1][k - lowerBase - 1] = Math.sin(2 * Math.PI * k / n - Math.PI);
            }
        } else {
            double[] cos = new double[n - 1], sin = new double[n - 1];
            for (int k = 1; k < n; k++) {
                cos[k - 1] = Math.cos(Math.PI * k / n);
                sin[k - 1] = Math.sin(Math.PI * k / n);
            }
            halfBoundaryCos = new double[][] {cos, cos};
            halfBoundarySin = new double[][] {sin, sin};
            lowerBase = 0;
        }
        signedWidth = 360.0 / n;
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
        SampleRows rows = new SampleRows(image, p.transformSqrt());
        // 8-bit samples give integer gradients in [-255, 255]: their bins come from a table.
        byte[] table = n <= Byte.MAX_VALUE && !p.transformSqrt() && byteValued(image) ? byteGradientBins() : null;
        boolean signed = p.signed();
        double[] gr = new double[colsUsed];
        double[] gc = new double[colsUsed];
        double[] r2 = image.channelCount() > 1 ? new double[colsUsed] : null;
        double[] c2 = image.channelCount() > 1 ? new double[colsUsed] : null;
        for (int y = 0; y < rowsUsed; y++) {
            rowGradients(rows, y, colsUsed, gr, gc, r2, c2);
            int rowBase = (y / p.cellRows()) * cellsAcross * n;
            for (int x = 0; x < colsUsed; x++) {
                double r = gr[x];
                double c = gc[x];
                double magnitude = Math.sqrt(r * r + c * c);
                int bin = table == null ? bin(r, c, magnitude)
                        : table[signed ? signedByteGradientIndex(r, c) : byteGradientIndex(r, c)];
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

    /**
     * An image's rows as double samples (square-rooted when asked), as scikit-image works in float64,
     * converted as the gradients reach them: three rows per channel are held, not a copy of the image
     * (2 MB of doubles for 512x512, which cost more memory traffic than the HOG arithmetic).
     */
    private static final class SampleRows {
        private final FloatImage image;
        private final boolean sqrt;
        private final double[][][] ring; // [channel][y % 3][x]
        private int loaded = -1;

        SampleRows(FloatImage image, boolean sqrt) {
            this.image = image;
            this.sqrt = sqrt;
            ring = new double[image.channelCount()][3][image.width()];
        }

        int width() { return image.width(); }

        int height() { return image.height(); }

        int channels() { return ring.length; }

        /** Row y of channel c; rows are asked for in increasing order, at most two behind the newest. */
        double[] row(int c, int y) {
            while (loaded < y) {
                loaded++;
                int w = image.width();
                for (int ch = 0; ch < ring.length; ch++) {
                    float[] src = image.channel(ch).data();
                    double[] d = ring[ch][loaded % 3];
                    int from = loaded * w;
                    if (sqrt) {
                        for (int x = 0; x < w; x++) {
                            d[x] = Math.sqrt(src[from + x]);
                        }
                    } else {
                        for (int x = 0; x < w; x++) {
                            d[x] = src[from + x];
                        }
                    }
                }
            }
            return ring[c][y % 3];
        }
    }

    /** Whether every sample is an integer in [0, 255], so that gradients are integers in [-255, 255]. */
    private static boolean byteValued(FloatImage image) {
        boolean bytes = true;
        for (int c = 0; c < image.channelCount(); c++) {
            for (float v : image.channel(c).data()) {
                bytes &= (v >= 0) & (v <= 255) & (v == (int) v); // no branch per sample; false for NaN
            }
        }
        return bytes;
    }

    /**
     * Row and column gradients of row {@code y}, columns {@code [0, cols)}; for several channels, per
     * pixel the one with the largest magnitude ({@code r2, c2}: scratch for the others).
     */
    private static void rowGradients(SampleRows rows, int y, int cols, double[] gr, double[] gc, double[] r2, double[] c2) {
        gradientOf(rows, 0, y, cols, gr, gc);
        for (int ch = 1; ch < rows.channels(); ch++) {
            gradientOf(rows, ch, y, cols, r2, c2);
            for (int x = 0; x < cols; x++) {
                // strictly larger: the first channel wins ties, as numpy's argmax
                if (r2[x] * r2[x] + c2[x] * c2[x] > gr[x] * gr[x] + gc[x] * gc[x]) {
                    gr[x] = r2[x];
                    gc[x] = c2[x];
                }
            }
        }
    }

    /** Gradients of channel c's row y, columns {@code [0, cols)}; the component across the first and last row (column) is zero. */
    private static void gradientOf(SampleRows rows, int c, int y, int cols, double[] gr, double[] gc) {
        int w = rows.width();
        int h = rows.height();
        if (y == 0 || y == h - 1) {
            java.util.Arrays.fill(gr, 0, cols, 0.0);
        } else {
            double[] above = rows.row(c, y - 1);
            double[] below = rows.row(c, y + 1);
            for (int x = 0; x < cols; x++) {
                gr[x] = below[x] - above[x];
            }
        }
        double[] s = rows.row(c, y);
        int last = Math.min(cols, w - 1);
        gc[0] = 0;
        for (int x = 1; x < last; x++) {
            gc[x] = s[x + 1] - s[x - 1];
        }
        if (cols == w) {
            gc[w - 1] = 0;
        }
    }

    /** The orientation bin of gradient (gr, gc) as {@link #exactBin} defines it, or -1 when that drops it (NaN). */
    int bin(double gr, double gc) { return bin(gr, gc, Math.sqrt(gr * gr + gc * gc)); }

    /**
     * {@link #bin(double, double)} given the magnitude. Turned into the half plane gr >= 0, the gradient lies
     * past boundary k exactly when its cross product with the boundary's direction,
     * {@code |g| sin(theta - theta_k)}, is positive: the bin is the number of such boundaries (signed, plus
     * {@code lowerBase} for a gradient of the lower half). No arctangent, no division and no data-dependent
     * branch (sign bits are counted, two integer chains); where a cross product is within 1e-4 degrees' worth of
     * zero, or on the 0/180 degree line, or for a zero or NaN gradient, the exact formula decides.
     */
    int bin(double gr, double gc, double magnitude) {
        int half = signBit(gr);
        double s = Math.copySign(1.0, gr);
        double r = gr * s;
        double c = gc * s;
        double[] cos = halfBoundaryCos[half];
        double[] sin = halfBoundarySin[half];
        double tolerance = SIN_TOLERANCE * magnitude;
        int belowTolerance = signBit(r - tolerance); // near the 0/180 degree line
        int negative = 0;
        for (int k = 0; k < cos.length; k++) {
            double d = cos[k] * r - sin[k] * c;
            belowTolerance += signBit(d - tolerance);
            negative += signBit(d + tolerance);
        }
        if (belowTolerance != negative || !(magnitude > 0)) { // some |d| within the tolerance
            // unsigned, atan2(+-0, gc) is 0 or +-180 degrees: bin 0
            return gr == 0 && !p.signed() ? 0 : exactBin(gr, gc);
        }
        return half * lowerBase + cos.length - negative;
    }

    private static int signBit(double v) { return (int) (Double.doubleToRawLongBits(v) >>> 63); }

    /** Index of integer gradient (gr, gc) in {@link #byteGradientBins}, after turning it into gr >= 0 without a branch. */
    private static int byteGradientIndex(double gr, double gc) {
        double s = Math.copySign(1.0, gr);
        return (int) (gr * s) * 511 + (int) (gc * s) + 255;
    }

    /** Index of integer gradient (gr, gc) in the signed {@link #byteGradientBins}: both signs are kept. */
    private static int signedByteGradientIndex(double gr, double gc) { return (int) (gr + 255) * 511 + (int) gc + 255; }

    /**
     * {@link #bin(double, double)} of every integer gradient with gr in [0, 255] (signed: [-255, 255]), gc in
     * [-255, 255]; made once per orientation count and signedness (keys n and -n).
     */
    private byte[] byteGradientBins() {
        int key = p.signed() ? -p.orientations() : p.orientations();
        return BYTE_BINS.computeIfAbsent(key, n -> {
            int lowest = p.signed() ? -255 : 0;
            byte[] t = new byte[(256 - lowest) * 511];
            for (int r = lowest; r <= 255; r++) {
                for (int c = -255; c <= 255; c++) {
                    t[(r - lowest) * 511 + c + 255] = (byte) bin(r, c);
                }
            }
            return t;
        });
    }

    /**
     * scikit-image's arithmetic: {@code rad2deg(arctan2(gr, gc)) % 180} and half-open bins. Signed, the
     * NumPy reference's: {@code floor((rad2deg(arctan2(gr, gc)) % 360) / (360 / n))}, dropped when it
     * reaches n (a tiny negative angle that rounds to 360).
     */
    int exactBin(double gr, double gc) {
        double span = p.orientationSpan();
        double o = Math.atan2(gr, gc) * DEGREES;
        double m = o % span; // C fmod; numpy's % then moves a negative remainder up by the divisor
        if (m < 0) {
            m += span;
        } else if (m == 0) {
            m = 0.0;
        }
        if (p.signed()) {
            if (Double.isNaN(m)) {
                return -1;
            }
            int b = (int) Math.floor(m / signedWidth);
            return b < p.orientations() ? b : -1;
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
        int rowLen = p.blockCols() * n;
        int cellsAcross = p.cellsAcross(w);
        int blocksDown = p.blocksDown(h);
        int blocksAcross = p.blocksAcross(w);
        int blockLen = br * rowLen;
        double[] block = new double[blockLen];
        int o = offset;
        for (int r = 0; r < blocksDown; r++) {
            for (int c = 0; c < blocksAcross; c++) {
                int k = 0;
                boolean empty = true;
                for (int i = 0; i < br; i++) {
                    int src = ((r + i) * cellsAcross + c) * n;
                    for (int j = 0; j < rowLen; j++) {
                        float v = hist[src + j];
                        block[k++] = v;
                        empty &= v == 0;
                    }
                }
                if (empty) { // every norm maps zeros to zeros (0 / (0 + eps)); common on dark backgrounds
                    java.util.Arrays.fill(out, o, o + blockLen, 0f);
                } else {
                    p.norm().apply(block, blockLen, out, o);
                }
                o += blockLen;
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
            double mid = (p.signed() ? 2 * Math.PI : Math.PI) * (o + 0.5) / n; // signed: opposite bins share a line
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
