package org.convkit.cli.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.batch.Reporter;
import org.convkit.cli.io.DecodedImage;
import org.convkit.cli.io.ImageDecoder;
import org.convkit.cli.progress.Progress;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What {@code hog} and {@code gist} share: images in, one vector each out (txt, csv or npy). */
abstract class DescriptorCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files; '-' reads one image from standard input.")
    List<String> images;

    @Option(names = {"-f", "--format"}, paramLabel = "txt|csv|npy", defaultValue = "txt",
            description = "txt: the values on one line (several images: FILE<TAB>values per line); csv: a header and one row per image;"
                    + " npy: float32 [d], or [n, d] for several images (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Option(names = "--overwrite", description = "Replace the output file if it exists.")
    boolean overwrite;

    /** Checks the options; returns the vector of one decoded image (may throw IllegalArgumentException). */
    abstract void prepare();

    abstract float[] describe(DecodedImage image);

    /** Called for the first image (hook for --visualize). */
    void afterFirst(String name, DecodedImage image) throws IOException {}

    @Override
    public Integer call() throws IOException {
        VectorOutput.Format fmt;
        try {
            fmt = VectorOutput.parse(format);
            prepare();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (fmt == VectorOutput.Format.NPY && output == null && images.size() > 0 && System.console() != null) {
            throw new ParameterException(spec.commandLine(), "npy is binary: give -o FILE or redirect standard output");
        }
        var err = common.streams().err();
        Reporter reporter = new Reporter(Progress.silent(err), common.verbose(), err);
        List<VectorOutput.Row> rows = new ArrayList<>();
        boolean first = true;
        for (String name : images) {
            try {
                DecodedImage img = name.equals("-") ? ImageDecoder.read(common.streams().in()) : ImageDecoder.read(Path.of(name));
                rows.add(new VectorOutput.Row(name, describe(img)));
                if (first) {
                    afterFirst(name, img);
                }
            } catch (IOException | IllegalArgumentException e) {
                reporter.failed(name, e);
            }
            first = false;
        }
        if (!rows.isEmpty()) {
            try {
                VectorOutput.write(rows, fmt, output, overwrite, common.streams().out());
            } catch (IOException e) {
                reporter.failed(output == null ? "standard output" : output.toString(), e);
            }
        }
        return reporter.failures() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
