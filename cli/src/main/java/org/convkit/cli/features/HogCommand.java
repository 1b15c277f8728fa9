package org.convkit.cli.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.convkit.io.AtomicOutput;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.ImageEncoder;
import org.convkit.io.image.OutputFormat;
import org.convkit.io.image.RangeMode;
import org.convkit.io.image.SampleDepth;
import org.convkit.features.hog.Hog;
import org.convkit.filters.image.FloatImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convkit hog}: scikit-image's HOG descriptor of each image. */
@Command(name = "hog", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Histogram of Oriented Gradients of images (as scikit-image).", "Histogram of Oriented Gradients (Dalal & Triggs 2005), the same numbers as scikit-image's"
                + " skimage.feature.hog with the same parameters: unscaled central differences (edge rows and columns zero),"
                + " for colour the channel with the largest gradient per pixel, unsigned orientations (--signed: signed, over"
                + " 360 degrees) hard-binned, per-cell means, blocks normalised with eps 1e-5, C order (block row, block column, cell row, cell column, orientation).",
                "Length: (H/cellRows - blockRows + 1) x (W/cellCols - blockCols + 1) x blockRows x blockCols x orientations;"
                + " incomplete cells at the bottom and right are dropped.",
                "",
                "Example: convkit hog --cell 8 --block 2 -f npy -o v.npy photo.png --visualize hog.png"})
public final class HogCommand extends DescriptorCommand {
    @Option(names = "--orientations", paramLabel = "N", defaultValue = "9",
            description = "Orientation bins over 0-180 degrees (0-360 with --signed), 1 to 360 (default: ${DEFAULT-VALUE}).")
    int orientations;

    @Mixin
    HogOptions options = new HogOptions();

    @Option(names = "--visualize", paramLabel = "FILE.png",
            description = "Also draw the cell histograms as scikit-image's visualize=True does (a line per orientation, brightness"
                    + " from the bin's value, stretched to the full 8-bit range), for the first image.")
    Path visualize;

    @Option(names = "--visualize-scale", paramLabel = "K", defaultValue = "1",
            description = "Draw the picture K times larger (K x K pixels per image pixel, longer lines); K from 1 to 16, the picture"
                    + " at most 268,435,456 pixels (default: ${DEFAULT-VALUE}).")
    int visualizeScale;

    /** The --visualize picture's pixels at most (a float plane of 1 GB). */
    static final long MAX_PICTURE_PIXELS = 1L << 28;

    static final int MAX_VISUALIZE_SCALE = 16;

    private Hog hog;

    @Override
    void prepare() {
        hog = new Hog(options.parameters(orientations));
        if (visualizeScale < 1 || visualizeScale > MAX_VISUALIZE_SCALE) {
            throw new IllegalArgumentException("--visualize-scale must be from 1 to " + MAX_VISUALIZE_SCALE + ", got " + visualizeScale);
        }
        if (visualize != null) {
            OutputFormat.parse(org.convkit.io.image.ImageFormat.extensionOf(visualize));
        }
    }

    @Override
    float[] describe(DecodedImage image) {
        HogOptions.checkLength(hog.parameters(), image.width(), image.height());
        return hog.extract(image.image());
    }

    @Override
    Map<String, Path> outputs() {
        Map<String, Path> out = super.outputs();
        if (visualize != null) {
            out.put("--visualize", visualize);
        }
        return out;
    }

    @Override
    void afterFirst(String name, DecodedImage image) throws IOException {
        if (visualize == null) {
            return;
        }
        long pixels = (long) image.width() * image.height() * visualizeScale * visualizeScale;
        if (pixels > MAX_PICTURE_PIXELS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the --visualize picture would have %,d pixels (at most %,d); use a smaller --visualize-scale", pixels, MAX_PICTURE_PIXELS));
        }
        OutputFormat of = OutputFormat.parse(org.convkit.io.image.ImageFormat.extensionOf(visualize));
        DecodedImage picture = new DecodedImage(new FloatImage(hog.visualize(image.image(), visualizeScale)), SampleDepth.FLOAT);
        AtomicOutput.write(visualize, overwrite, out -> ImageEncoder.write(picture, of, SampleDepth.U8, RangeMode.NORMALIZE, out));
    }
}
