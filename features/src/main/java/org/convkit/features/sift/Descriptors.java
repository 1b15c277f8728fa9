package org.convkit.features.sift;

/**
 * Local descriptors of one image: {@code count} vectors of {@code dimension} floats, row after row in
 * {@code data}, with each one's centre {@code (x, y)} in pixels (0 = centre of the first pixel) and its
 * bin size. Encoders use the positions for the spatial pyramid.
 */
public record Descriptors(int count, int dimension, float[] data, float[] x, float[] y, float[] binSize,
                          int imageWidth, int imageHeight) {

    public Descriptors {
        if (data.length != (long) count * dimension || x.length != count || y.length != count || binSize.length != count) {
            throw new IllegalArgumentException("descriptor arrays do not match count " + count + " and dimension " + dimension);
        }
    }

    /** A copy of descriptor {@code i}. */
    public float[] get(int i) {
        float[] d = new float[dimension];
        System.arraycopy(data, i * dimension, d, 0, dimension);
        return d;
    }

    /** The same frames with other vectors (after a projection such as PCA). */
    public Descriptors withData(int newDimension, float[] newData) {
        return new Descriptors(count, newDimension, newData, x, y, binSize, imageWidth, imageHeight);
    }
}
