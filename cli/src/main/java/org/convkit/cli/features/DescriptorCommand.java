package org.convkit.cli.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.batch.Reporter;
import org.convkit.cli.files.InputSet;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.ImageDecoder;
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

    @Option(names = "--overwrite", description = "Replace the output file if it exists (never one of the input images).")
    boolean overwrite;

    /** Checks the options; returns the vector of one decoded image (may throw IllegalArgumentException). */
    abstract void prepare();

    abstract float[] describe(DecodedImage image);

    /** Called for the first image that could be read (hook for --visualize). */
    void afterFirst(String name, DecodedImage image) throws IOException {}

    /** The files this command writes, by option name (-o; hog adds --visualize). */
    Map<String, Path> outputs() {
        Map<String, Path> out = new LinkedHashMap<>();
        if (output != null && !output.toString().equals("-")) {
            out.put("-o", output);
        }
        return out;
    }

    /**
     * Refuses outputs that are one of the input images (or a link to one), a folder, or the same file
     * twice: never written over, whatever --overwrite says.
     */
    private void checkOutputs() {
        InputSet read = new InputSet();
        for (String name : images) {
            if (!name.equals("-")) {
                read.add(Path.of(name));
            }
        }
        Map<Path, String> seen = new HashMap<>();
        for (Map.Entry<String, Path> e : outputs().entrySet()) {
            String option = e.getKey() + " " + e.getValue();
            Optional<Path> input = read.replacedBy(e.getValue());
            if (input.isPresent()) {
                throw usage(option + " is the input image " + input.get() + "; convkit never writes over an input");
            }
            if (Files.isDirectory(e.getValue())) {
                throw usage(option + " is a folder; it takes a file name");
            }
            String other = seen.putIfAbsent(InputSet.entry(e.getValue()), e.getKey());
            if (other != null) {
                throw usage(other + " and " + e.getKey() + " name the same file " + e.getValue());
            }
        }
    }

    private ParameterException usage(String message) { return new ParameterException(spec.commandLine(), message); }

    @Override
    public Integer call() throws IOException {
        VectorOutput.Format fmt;
        try {
            fmt = VectorOutput.parse(format);
            prepare();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        checkOutputs();
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
                    first = false;
                    afterFirst(name, img);
                }
            } catch (Exception | OutOfMemoryError | StackOverflowError e) { // as a batch does: this image failed, the others go on
                reporter.failed(name, e);
            }
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
