package org.convkit.cli.features;

import java.io.IOException;
import java.nio.file.Path;
import org.convkit.cli.files.AtomicOutput;
import org.convkit.cli.io.DecodedImage;
import org.convkit.cli.io.ImageEncoder;
import org.convkit.cli.io.OutputFormat;
import org.convkit.cli.io.RangeMode;
import org.convkit.cli.io.SampleDepth;
import org.convkit.features.hog.Hog;
import org.convkit.filters.image.FloatImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convkit hog}: scikit-image's HOG descriptor of each image. */
@Command(name = "hog", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Histogram of Oriented Gradients (Dalal & Triggs 2005), the same numbers as scikit-image's"
                + " skimage.feature.hog with the same parameters: unscaled central differences (edge rows and columns zero),"
                + " for colour the channel with the largest gradient per pixel, unsigned orientations (--signed: signed, over"
                + " 360 degrees) hard-binned, per-cell means, blocks normalised with eps 1e-5, C order (block row, block column, cell row, cell column, orientation).",
                "Length: (H/cellRows - blockRows + 1) x (W/cellCols - blockCols + 1) x blockRows x blockCols x orientations;"
                + " incomplete cells at the bottom and right are dropped.",
                "",
                "Example: convkit hog --cell 8 --block 2 -f npy -o v.npy photo.png --visualize hog.png"})
public final class HogCommand extends DescriptorCommand {
    @Option(names = "--orientations", paramLabel = "N", defaultValue = "9",
            description = "Orientation bins over 0-180 degrees (0-360 with --signed) (default: ${DEFAULT-VALUE}).")
    int orientations;

    @Mixin
    HogOptions options = new HogOptions();

    @Option(names = "--visualize", paramLabel = "FILE.png",
            description = "Also draw the cell histograms as scikit-image's visualize=True does (a line per orientation, brightness"
                    + " from the bin's value, stretched to the full 8-bit range), for the first image.")
    Path visualize;

    @Option(names = "--visualize-scale", paramLabel = "K", defaultValue = "1",
            description = "Draw the picture K times larger (K x K pixels per image pixel, longer lines) (default: ${DEFAULT-VALUE}).")
    int visualizeScale;

    private Hog hog;

    @Override
    void prepare() {
        hog = new Hog(options.parameters(orientations));
        if (visualizeScale < 1) {
            throw new IllegalArgumentException("--visualize-scale must be at least 1, got " + visualizeScale);
        }
        if (visualize != null) {
            OutputFormat.parse(org.convkit.cli.io.ImageFormat.extensionOf(visualize));
        }
    }

    @Override
    float[] describe(DecodedImage image) { return hog.extract(image.image()); }

    @Override
    void afterFirst(String name, DecodedImage image) throws IOException {
        if (visualize == null) {
            return;
        }
        OutputFormat of = OutputFormat.parse(org.convkit.cli.io.ImageFormat.extensionOf(visualize));
        DecodedImage picture = new DecodedImage(new FloatImage(hog.visualize(image.image(), visualizeScale)), SampleDepth.FLOAT);
        AtomicOutput.write(visualize, overwrite, out -> ImageEncoder.write(picture, of, SampleDepth.U8, RangeMode.NORMALIZE, out));
    }
}
