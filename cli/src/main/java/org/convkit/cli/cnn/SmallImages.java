package org.convkit.cli.cnn;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.convkit.cnn.nn.Architectures;
import org.convkit.cnn.nn.MinimumInput;
import org.convkit.io.data.DataSet;

/**
 * Images against the smallest side an architecture takes ({@link MinimumInput}): the one line that
 * {@code cnn train} gives for images too small, and the side {@code compare} resizes them to. Only the
 * shorter side counts, as every layer treats height and width alike.
 */
public final class SmallImages {
    private SmallImages() {}

    /**
     * The side to which {@code height x width} images must be resized for {@code arch} to take them (its
     * minimum), or empty when they fit as they are, or when the architecture is wrong for every size (the
     * network builder then says why).
     */
    public static OptionalInt resizeFor(String arch, int channels, int height, int width, int classes) {
        OptionalInt min = minimum(arch, channels, classes);
        return min.isPresent() && Math.min(height, width) < min.getAsInt() ? min : OptionalInt.empty();
    }

    /**
     * Null when {@code arch} takes {@code channels x height x width} images (their size after {@code --resize}
     * when {@code resize} is not null), else what is wrong and what to do, in one line.
     */
    static String tooSmall(String arch, int channels, int height, int width, Integer resize, int classes) {
        int h = resize == null ? height : resize, w = resize == null ? width : resize;
        OptionalInt min = resizeFor(arch, channels, h, w, classes);
        if (min.isEmpty()) {
            return null;
        }
        int m = min.getAsInt();
        String name = Architectures.isPreset(arch) ? arch : "'" + arch + "'";
        String fix = resize == null
                ? String.format(Locale.ROOT, "these images are %dx%d; add --resize %d to scale them up", width, height, m)
                : String.format(Locale.ROOT, "--resize %d makes these images %dx%d; use --resize %d or more", resize, w, h, m);
        List<String> fitting = Architectures.NAMES.stream().filter(p -> resizeFor(p, channels, h, w, classes).isEmpty()).toList();
        String other = fitting.isEmpty() ? "" : String.format(Locale.ROOT, " (%s take%s %dx%d)", String.join(", ", fitting),
                fitting.size() == 1 ? "s" : "", w, h);
        return String.format(Locale.ROOT, "--arch %s takes images of at least %dx%d pixels, %s, or choose an architecture that fits them%s",
                name, m, m, fix, other);
    }

    /** A side to resize a data set's images to, and the line that tells the user so. */
    public record Choice(int side, String line) {}

    /**
     * The {@code --resize} that lets {@code arch} train on the images of {@code train} (judged by its first
     * readable image), with a line saying so; empty when they fit as they are.
     */
    public static Optional<Choice> choose(String arch, DataSet train) {
        int[] s = Images.firstShape(train);
        OptionalInt side = resizeFor(arch, s[0], s[1], s[2], train.classes().size());
        if (side.isEmpty()) {
            return Optional.empty();
        }
        int n = side.getAsInt();
        return Optional.of(new Choice(n, String.format(Locale.ROOT, "%s takes images of at least %dx%d pixels: the %dx%d images are resized"
                + " to %dx%d for it (cnn train --resize %d)", arch, n, n, s[2], s[1], n, n, n)));
    }

    private static OptionalInt minimum(String arch, int channels, int classes) {
        try {
            return MinimumInput.side(arch, channels, classes);
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty(); // a spec that does not parse: Network.build gives its reason
        }
    }
}
