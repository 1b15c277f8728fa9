package org.convkit.filters.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An immutable 2-D filter kernel: {@code width * height} float weights, row-major, with the anchor at
 * {@code (width / 2, height / 2)}.
 *
 * <p>For odd sizes the anchor is the centre. For even sizes it is the element just right of / below
 * the centre, which is where both OpenCV ({@code anchor = (-1, -1)}) and SciPy ({@code origin = 0})
 * put it: {@code correlate} then reads offsets {@code -width/2 .. width-1-width/2} (e.g. -2..1 for
 * width 4), as {@code cv2.filter2D} and {@code scipy.ndimage.correlate}; {@code convolve} reads the
 * mirrored offsets {@code width-1-width/2 .. -width/2} (1..-2), as {@code scipy.ndimage.convolve}.
 */
public final class Kernel {
    private static final Pattern ROWS = Pattern.compile("[;\\n\\r]+");
    private static final Pattern NUMBERS = Pattern.compile("[\\s,]+");

    private final int width;
    private final int height;
    private final float[] weights;
    /** The exact factors when the kernel was built by {@link #outer}, else null (then found on demand). */
    private final Separable factors;

    /** A kernel holding a copy of {@code weights} (row-major, exactly {@code width * height} values). */
    public Kernel(int width, int height, float[] weights) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("kernel size must be positive, got " + width + "x" + height);
        }
        if ((long) width * height != weights.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " kernel needs "
                    + (long) width * height + " weights, got " + weights.length);
        }
        for (float w : weights) {
            if (!Float.isFinite(w)) {
                throw new IllegalArgumentException("kernel weights must be finite, got " + w);
            }
        }
        this.width = width;
        this.height = height;
        this.weights = weights.clone();
        this.factors = null;
    }

    private Kernel(float[] column, float[] row) {
        this.width = row.length;
        this.height = column.length;
        this.weights = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                weights[y * width + x] = column[y] * row[x];
            }
        }
        this.factors = new Separable(column, row);
    }

    /**
     * The rank-1 kernel {@code k(x, y) = column[y] * row[x]}; {@link #separable()} returns exactly
     * these factors, so the two 1-D passes use the weights given here.
     */
    public static Kernel outer(float[] column, float[] row) {
        if (column.length == 0 || row.length == 0) {
            throw new IllegalArgumentException("kernel factors must not be empty");
        }
        if ((long) column.length * row.length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + row.length + "x" + column.length + " kernel has too many weights for one array");
        }
        for (float[] v : new float[][] {column, row}) {
            for (float w : v) {
                if (!Float.isFinite(w)) {
                    throw new IllegalArgumentException("kernel weights must be finite, got " + w);
                }
            }
        }
        return new Kernel(column.clone(), row.clone());
    }

    /**
     * Parses a matrix such as {@code "1 2 1; 0 0 0; -1 -2 -1"}: rows are separated by {@code ;} or
     * newlines, numbers by spaces, tabs or commas; blank rows are ignored.
     *
     * @throws IllegalArgumentException naming the problem (empty, ragged rows, not a number)
     */
    public static Kernel parse(String matrix) {
        if (matrix == null || matrix.isBlank()) {
            throw new IllegalArgumentException("empty kernel matrix");
        }
        List<float[]> rows = new ArrayList<>();
        for (String line : ROWS.split(matrix)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] tokens = NUMBERS.split(trimmed);
            float[] row = new float[tokens.length];
            int n = 0;
            for (String t : tokens) {
                if (t.isEmpty()) {
                    continue;
                }
                try {
                    row[n++] = Float.parseFloat(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("kernel row " + (rows.size() + 1) + ": '" + t + "' is not a number");
                }
                if (!Float.isFinite(row[n - 1])) {
                    throw new IllegalArgumentException("kernel row " + (rows.size() + 1) + ": '" + t + "' is not finite");
                }
            }
            if (n == 0) {
                continue;
            }
            row = Arrays.copyOf(row, n);
            if (!rows.isEmpty() && rows.getFirst().length != n) {
                throw new IllegalArgumentException("kernel rows differ in length: row 1 has " + rows.getFirst().length
                        + " numbers, row " + (rows.size() + 1) + " has " + n);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("empty kernel matrix");
        }
        int w = rows.getFirst().length;
        float[] all = new float[w * rows.size()];
        for (int y = 0; y < rows.size(); y++) {
            System.arraycopy(rows.get(y), 0, all, y * w, w);
        }
        return new Kernel(w, rows.size(), all);
    }

    public int width() { return width; }

    public int height() { return height; }

    /** The anchor column, {@code width / 2}. */
    public int anchorX() { return width / 2; }

    /** The anchor row, {@code height / 2}. */
    public int anchorY() { return height / 2; }

    /** A copy of the weights, row-major. */
    public float[] weights() { return weights.clone(); }

    public float get(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ") outside a " + width + "x" + height + " kernel");
        }
        return weights[y * width + x];
    }

    /** The sum of the weights, accumulated in double. */
    public double sum() {
        double s = 0;
        for (float w : weights) {
            s += w;
        }
        return s;
    }

    /**
     * This kernel divided by its sum, so that it keeps the mean brightness.
     *
     * @throws IllegalArgumentException when the sum is (nearly) zero, as for derivative kernels
     */
    public Kernel normalized() {
        double s = sum();
        double scale = 0;
        for (float w : weights) {
            scale += Math.abs(w);
        }
        if (Math.abs(s) <= 1e-6 * scale || s == 0) {
            throw new IllegalArgumentException("cannot normalise a kernel whose weights sum to " + s);
        }
        if (factors != null) {
            float[] row = factors.row;
            float[] scaled = new float[row.length];
            for (int i = 0; i < row.length; i++) {
                scaled[i] = (float) (row[i] / s);
            }
            return new Kernel(factors.column.clone(), scaled);
        }
        float[] out = new float[weights.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (weights[i] / s);
        }
        return new Kernel(width, height, out);
    }

    /** This kernel rotated by 180 degrees (what turns a correlation into a convolution). */
    public Kernel flipped() {
        if (factors != null) {
            return new Kernel(reversed(factors.column), reversed(factors.row));
        }
        return new Kernel(width, height, reversed(weights));
    }

    private static float[] reversed(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[v.length - 1 - i];
        }
        return out;
    }

    /**
     * A rank-1 factorisation {@code k(x, y) = column[y] * row[x]} when one reproduces every weight to
     * float precision (relative to the largest weight), so that the filter can run as two 1-D passes.
     * Found by taking the row and column through the largest weight (exact for a rank-1 matrix).
     */
    public Optional<Separable> separable() {
        if (factors != null) {
            return Optional.of(factors);
        }
        int best = 0;
        for (int i = 1; i < weights.length; i++) {
            if (Math.abs(weights[i]) > Math.abs(weights[best])) {
                best = i;
            }
        }
        double peak = weights[best];
        if (peak == 0) {
            return Optional.of(new Separable(new float[height], new float[width]));
        }
        int bx = best % width;
        int by = best / width;
        // column = k(bx, y), row = k(x, by) / peak; balance the scale so both factors have similar size.
        double colNorm = 0;
        double rowNorm = 0;
        for (int y = 0; y < height; y++) {
            colNorm = Math.max(colNorm, Math.abs(weights[y * width + bx]));
        }
        for (int x = 0; x < width; x++) {
            rowNorm = Math.max(rowNorm, Math.abs(weights[by * width + x] / peak));
        }
        double balance = Math.sqrt(rowNorm / colNorm); // multiply column, divide row
        float[] column = new float[height];
        float[] row = new float[width];
        for (int y = 0; y < height; y++) {
            column[y] = (float) (weights[y * width + bx] * balance);
        }
        for (int x = 0; x < width; x++) {
            row[x] = (float) (weights[by * width + x] / peak / balance);
        }
        double tolerance = 4 * Math.ulp((float) Math.abs(peak));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double product = (double) column[y] * row[x];
                if (Math.abs(product - weights[y * width + x]) > tolerance) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Separable(column, row));
    }

    /**
     * The two factors of a rank-1 kernel: {@code k(x, y) = column[y] * row[x]}; {@code column} has the
     * kernel's height and {@code row} its width.
     */
    public record Separable(float[] column, float[] row) {
        public Separable {
            column = column.clone();
            row = row.clone();
        }

        @Override
        public float[] column() { return column.clone(); }

        @Override
        public float[] row() { return row.clone(); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Separable s && Arrays.equals(s.column, column) && Arrays.equals(s.row, row);
        }

        @Override
        public int hashCode() { return 31 * Arrays.hashCode(column) + Arrays.hashCode(row); }

        @Override
        public String toString() { return "Separable[column=" + Arrays.toString(column) + ", row=" + Arrays.toString(row) + "]"; }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Kernel k && k.width == width && k.height == height && Arrays.equals(k.weights, weights);
    }

    @Override
    public int hashCode() { return 31 * (31 * width + height) + Arrays.hashCode(weights); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Kernel[").append(width).append('x').append(height).append(": ");
        for (int y = 0; y < height; y++) {
            if (y > 0) {
                sb.append("; ");
            }
            for (int x = 0; x < width; x++) {
                if (x > 0) {
                    sb.append(' ');
                }
                sb.append(weights[y * width + x]);
            }
        }
        return sb.append(']').toString();
    }
}
