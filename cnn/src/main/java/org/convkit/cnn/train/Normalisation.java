package org.convkit.cnn.train;

/**
 * Per-channel input normalisation {@code (x - mean[c]) / std[c]}, as torchvision's Normalize after
 * ToTensor: the statistics come from the training samples and are stored with the model.
 */
public record Normalisation(float[] mean, float[] std) {
    public Normalisation {
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means but " + std.length + " standard deviations");
        }
    }

    /**
     * Per-channel mean and population standard deviation of samples {@code idx} of {@code set}, summed in
     * double (per sample and channel, then over samples in the order of {@code idx}); a standard deviation
     * below 1e-6 (a constant channel) is taken as 1e-6.
     */
    public static Normalisation of(Samples set, int[] idx) {
        int c = set.shape[0], hw = set.shape[1] * set.shape[2], size = set.sampleSize();
        float[] x = set.x;
        double[] sum = new double[c], sq = new double[c];
        for (int i : idx) {
            for (int k = 0; k < c; k++) {
                int base = i * size + k * hw;
                double s = 0, q = 0;
                for (int p = base; p < base + hw; p++) {
                    s += x[p];
                    q += (double) x[p] * x[p];
                }
                sum[k] += s;
                sq[k] += q;
            }
        }
        float[] mean = new float[c], std = new float[c];
        double count = (double) idx.length * hw;
        for (int k = 0; k < c; k++) {
            double m = sum[k] / count;
            mean[k] = (float) m;
            std[k] = (float) Math.max(Math.sqrt(Math.max(0, sq[k] / count - m * m)), 1e-6);
        }
        return new Normalisation(mean, std);
    }

    /** In place: {@code (x - mean[c]) / std[c]} over the CHW sample of {@code shape} at {@code offset}. */
    public void apply(float[] x, int offset, int[] shape) {
        int hw = shape[1] * shape[2];
        for (int c = 0; c < shape[0]; c++) {
            float m = mean[c], inv = 1f / std[c];
            for (int i = offset + c * hw, end = i + hw; i < end; i++) {
                x[i] = (x[i] - m) * inv;
            }
        }
    }

    /** Each channel's normalised 0, the value augmentation fills in where it shifts in black. */
    public float[] black() {
        float[] b = new float[mean.length];
        for (int c = 0; c < b.length; c++) {
            b[c] = -mean[c] / std[c];
        }
        return b;
    }
}
