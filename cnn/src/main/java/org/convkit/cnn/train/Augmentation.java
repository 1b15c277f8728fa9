package org.convkit.cnn.train;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Training-time augmentation of normalised CHW samples, drawn from the epoch's random stream (so a
 * resumed run draws the same): {@code flip} mirrors left-right with probability 1/2 (torchvision's
 * RandomHorizontalFlip); {@code crop} is RandomCrop with padding of an eighth of the side (4 for 32, 3 for
 * 28); {@code translate} shifts by up to a tenth of the side (RandomAffine(translate=(0.1, 0.1)), whole
 * pixels). Pixels shifted in are black (the normalised value of 0), as torchvision pads before normalising.
 *
 * <p>Per sample it draws, in this order: the flip (one boolean), the crop's x and y offsets, the
 * translation's x and y offsets; a kind that is off draws nothing.
 */
public final class Augmentation {
    private enum Kind { FLIP, CROP, TRANSLATE }

    private final Set<Kind> kinds;

    private Augmentation(Set<Kind> kinds) { this.kinds = kinds; }

    public static final Augmentation NONE = new Augmentation(EnumSet.noneOf(Kind.class));

    /** "flip,crop,translate" (any subset, or "none"); IllegalArgumentException naming a bad word. */
    public static Augmentation parse(String list) {
        EnumSet<Kind> k = EnumSet.noneOf(Kind.class);
        for (String w : list.split(",")) {
            String s = w.trim().toLowerCase(Locale.ROOT);
            if (s.isEmpty() || s.equals("none")) {
                continue;
            }
            try {
                k.add(Kind.valueOf(s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown augmentation '" + w.trim() + "'; use flip, crop and translate (comma-separated)");
            }
        }
        return new Augmentation(k);
    }

    public boolean isNone() { return kinds.isEmpty(); }

    @Override
    public String toString() {
        return kinds.isEmpty() ? "none" : String.join(",", kinds.stream().map(x -> x.name().toLowerCase(Locale.ROOT)).toList());
    }

    /** Augments the sample at {@code off} in place; {@code black[c]} is channel c's normalised 0; {@code tmp} holds H*W. */
    public void apply(float[] x, int off, int[] shape, float[] black, SplittableRandom rng, float[] tmp) {
        if (kinds.isEmpty()) {
            return;
        }
        int h = shape[1], w = shape[2];
        boolean flip = kinds.contains(Kind.FLIP) && rng.nextBoolean();
        int dx = 0, dy = 0;
        if (kinds.contains(Kind.CROP)) {
            int p = Math.max(1, Math.min(h, w) / 8);
            dx += rng.nextInt(-p, p + 1);
            dy += rng.nextInt(-p, p + 1);
        }
        if (kinds.contains(Kind.TRANSLATE)) {
            int tx = Math.max(1, Math.round(w * 0.1f)), ty = Math.max(1, Math.round(h * 0.1f));
            dx += rng.nextInt(-tx, tx + 1);
            dy += rng.nextInt(-ty, ty + 1);
        }
        if (!flip && dx == 0 && dy == 0) {
            return;
        }
        for (int c = 0; c < shape[0]; c++) {
            int base = off + c * h * w;
            System.arraycopy(x, base, tmp, 0, h * w);
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                for (int xx = 0; xx < w; xx++) {
                    int sx = (flip ? w - 1 - xx : xx) + dx;
                    x[base + y * w + xx] = sy >= 0 && sy < h && sx >= 0 && sx < w ? tmp[sy * w + sx] : black[c];
                }
            }
        }
    }
}
