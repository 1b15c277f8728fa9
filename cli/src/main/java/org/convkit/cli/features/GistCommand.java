package org.convkit.cli.features;

import org.convkit.io.image.DecodedImage;
import org.convkit.features.gist.Gist;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convkit gist}: the LMgist descriptor of each image. */
@Command(name = "gist", sortOptions = false, usageHelpAutoWidth = true,
        description = {"The GIST descriptor of images (as LabelMe's LMgist).", "The GIST descriptor (Oliva & Torralba 2001) as the LabelMe toolbox's LMgist computes it: gray by"
                + " averaging the channels; resize and centre-crop to a square (MATLAB's bilinear imresize); scale to 0-255;"
                + " prefilter (log(1+I), whitening with a Gaussian low-pass of cut-off --fc, division by 0.2 + the local"
                + " standard deviation); a bank of Gabor filters built in the frequency domain (per scale i and orientation j:"
                + " exp(-3.5 (f/n/p2 - 1)^2 - 2 p3 pi theta^2), p2 = 0.3/1.85^i, p3 = 16 or_i^2/32^2, rotated by pi j/or_i),"
                + " applied after --boundary pixels of symmetric extension; the magnitude of each response averaged over a"
                + " --blocks x --blocks grid.",
                "Order (LMgist's): filter by filter, scale first (finest first) then orientation; within a filter the"
                + " blocks x blocks means with the block row index varying fastest. Gray: 4 scales x 8 orientations x 16 = 512"
                + " values; --color gives one such vector per R, G, B channel, concatenated (960 with --orientations 8,8,4).",
                "",
                "Example: convkit gist --size 256 photo.jpg"})
public final class GistCommand extends DescriptorCommand {
    @Option(names = "--orientations", paramLabel = "N,N,..", defaultValue = "8,8,8,8",
            description = "Orientations per scale, finest scale first; 1 to 8 scales of 1 to 32 (default: ${DEFAULT-VALUE}).")
    String orientations;

    @Mixin
    GistOptions options = new GistOptions();

    private Gist gist;

    @Override
    void prepare() { gist = new Gist(options.parameters(GistOptions.orientations(orientations))); }

    @Override
    float[] describe(DecodedImage image) { return gist.extract(image.image()); }
}
