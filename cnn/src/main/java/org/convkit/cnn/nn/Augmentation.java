package org.convkit.cnn.nn;

import java.util.Locale;
import java.util.SplittableRandom;
import org.convkit.cnn.tensor.Tensor;

/**
 * Training-time augmentation of an NCHW batch, drawn from a generator seeded by {@code (seed, step)} so
 * that a resumed run sees the same images: {@code flip} mirrors left-right with probability 1/2;
 * {@code crop} zero-pads by {@code pad} pixels and takes a random window of the original size (the
 * CIFAR recipe); {@code translate} shifts by up to {@code pad} pixels in each direction, filling with
 * zeros. Parse a CLI list with {@link #parse}.
 */
public final class Augmentation {
    private final boolean flip, crop, translate;
    private final int pad;

    public Augmentation(boolean flip, boolean crop, boolean translate, int pad) {
        if (pad < 0) {
            throw new IllegalArgumentException("augmentation padding must be non-negative");
        }
        this.flip = flip;
        this.crop = crop;
        this.translate = translate;
        this.pad = pad;
    }

    /** {@code "flip,crop,translate"} (any subset, or "none"); shifts of up to {@code pad} pixels. */
    public static Augmentation parse(String list, int pad) {
        boolean f = false, c = false, t = false;
        for (String part : list.toLowerCase(Locale.ROOT).split(",")) {
            switch (part.trim()) {
                case "flip" -> f = true;
                case "crop" -> c = true;
                case "translate" -> t = true;
                case "none", "" -> { }
                default -> throw new IllegalArgumentException("unknown augmentation '" + part.trim()
                        + "'; use flip, crop, translate");
            }
        }
        return new Augmentation(f, c, t, pad);
    }

    public boolean isIdentity() { return !flip && !((crop || translate) && pad > 0); }

    /** Writes the augmented {@code batch} into {@code out} (same shape, a different tensor). */
    public void apply(Tensor batch, Tensor out, long seed, long step) {
        if (batch.rank() != 4 || !batch.sameShape(out.shape) || batch.data == out.data) {
            throw new IllegalArgumentException("augmentation needs an NCHW batch and a separate output of its shape");
        }
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        int n = batch.dim(0), c = batch.dim(1), h = batch.dim(2), w = batch.dim(3);
        for (int i = 0; i < n; i++) {
            boolean mirror = flip && rng.nextBoolean();
            int dy = 0, dx = 0;
            if ((crop || translate) && pad > 0) {
                dy = rng.nextInt(2 * pad + 1) - pad;
                dx = rng.nextInt(2 * pad + 1) - pad;
            }
            for (int ch = 0; ch < c; ch++) {
                int src = batch.offset + (i * c + ch) * h * w, dst = out.offset + (i * c + ch) * h * w;
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    for (int x = 0; x < w; x++) {
                        int sx = (mirror ? w - 1 - x : x) + dx;
                        out.data[dst + y * w + x] = sy >= 0 && sy < h && sx >= 0 && sx < w ? batch.data[src + sy * w + sx] : 0f;
                    }
                }
            }
        }
    }
}
