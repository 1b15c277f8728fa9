package org.convkit.cli.filter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.batch.Batch;
import org.convkit.cli.batch.Reporter;
import org.convkit.io.AtomicOutput;
import org.convkit.cli.files.InputFile;
import org.convkit.cli.files.InputWalker;
import org.convkit.cli.files.OutputPlan;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.ImageDecoder;
import org.convkit.io.image.ImageEncoder;
import org.convkit.io.image.ImageFormat;
import org.convkit.io.image.OutputFormat;
import org.convkit.io.image.RangeMode;
import org.convkit.io.image.SampleDepth;
import org.convkit.cli.progress.Progress;
import org.convkit.filters.Filter;
import org.convkit.filters.Filters;
import org.convkit.filters.border.Border;
import org.convkit.filters.parallel.Parallel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convkit filter}: convolution and neighbourhood filters over files, folders and pipes. */
@Command(name = "filter", sortOptions = false, usageHelpAutoWidth = true, usageHelpWidth = 110, mixinStandardHelpOptions = true,
        description = {"Filter images with kernels, in every border mode.", 
            "Filter images with a chain of kernels. Each colour channel is filtered; alpha is kept as it was.",
            "Filtering is true convolution, g(x,y) = sum k(u,v) f(x-u, y-v); --correlate applies custom matrices unflipped, as cv2.filter2D.",
            "Results keep the input's scale (an 8-bit 200 is 200.0, as OpenCV): 8-bit and 16-bit files stay at their depth unless --depth says otherwise; --depth float keeps negative and fractional values.",
        },
        footerHeading = "%nKernels (-k NAME[:KEY=VALUE,...]):%n",
        footer = {
            KernelSpec.HELP,
            "",
            "Border modes (-b):",
            BorderSpec.HELP,
            "",
            "Examples:",
            "  convkit filter -k gaussian:sigma=2 photo.png -o out/",
            "  convkit filter -k sobel-x --depth float -f npy photo.png -o -  > gx.npy",
            "  convkit filter -r -k median:size=5 -k sharpen photos/ -o sharp/ -j 4",
            "  find photos -name '*.jpg' | convkit filter --files-from - -k box:size=5 -o out/",
            "  cat in.png | convkit filter -k emboss -o - -f png - > out.png",
            "  convkit filter -k 'custom:1 2 1; 0 0 0; -1 -2 -1' --correlate -b replicate a.png --suffix _edges",
            "",
            "Exit codes: 0 done, 1 some inputs failed (each named on standard error, the others are written), 2 usage error.",
        })
public final class FilterCommand implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "Image files, folders (their image files; with -r also those in subfolders), or - for one image on standard input.")
    private List<String> inputs = new ArrayList<>();

    @Option(names = {"-k", "--kernel"}, paramLabel = "SPEC", required = true, converter = KernelConverter.class,
            description = "A kernel, e.g. gaussian:sigma=2 (the list is below). Repeat -k to apply several in order, as a chain."
                    + " Sizes 1 to 1025, sigma 0.01 to 128, custom:@FILE at most 1 MB.")
    private List<KernelSpec> kernels;

    @Option(names = {"-b", "--border"}, paramLabel = "MODE", defaultValue = "reflect101", converter = BorderConverter.class,
            description = "How samples outside the image are made up: zero, constant:V, replicate, reflect, reflect101 (default, as OpenCV), wrap. Pictures and OpenCV/SciPy/NumPy names below.")
    private Border border;

    @Option(names = "--correlate", description = "Apply custom matrices unflipped (correlation, as cv2.filter2D). Named kernels always mean the conventional operator.")
    private boolean correlate;

    @Option(names = "--normalize", description = "Divide custom matrices by their sum.")
    private boolean normalize;

    @Option(names = {"-r", "--recursive"}, description = "Also take the images in subfolders of folder inputs.")
    private boolean recursive;

    @Option(names = "--files-from", paramLabel = "FILE", description = "Read input paths from FILE, one per line (- for standard input).")
    private String filesFrom;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Write into DIR, mirroring the inputs' tree under it (folders below DIR that are symbolic links are refused); - writes one image to standard output.")
    private String output;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "Output format: png, jpg, tif, bmp, pgm/ppm/pnm, pam, pfm, npy. Default: the input's format when it can hold the result, else png (tif with --depth float); png for standard input.")
    private OutputFormat format;

    @Option(names = "--suffix", paramLabel = "TEXT", description = "Add TEXT to output names (photo.png -> photoTEXT.png); without -o, write beside the inputs.")
    private String suffix;

    @Option(names = "--overwrite", description = "Replace files that exist where the outputs go, such as an earlier run's. Never an input of this run"
            + " (nor a link to one), whatever --overwrite says; two inputs with the same output name are an error for the second.")
    private boolean overwrite;

    @Option(names = "--depth", paramLabel = "8|16|float", converter = DepthConverter.class,
            description = "Output sample depth. Default: the input's. float (tif, pfm, npy) keeps the input's scale: 200 stays 200.0. 8 <-> 16 bits rescales by 257; float input written at an integer depth is taken in that depth's scale.")
    private SampleDepth depth;

    @Option(names = "--range", paramLabel = "MODE", defaultValue = "clamp",
            description = "Integer output of values outside 0..max: clamp (default), abs (|v|, for derivatives), normalize (each image's min..max to 0..max), offset (adds mid-grey 128/32768: signed results, zero = grey).")
    private RangeMode range;

    private final java.util.concurrent.atomic.LongAdder decodeNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder filterNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder encodeNanos = new java.util.concurrent.atomic.LongAdder();
    private Filter filter;
    private Path outDir;
    private boolean toStdout;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        InputWalker walker = new InputWalker(inputs, recursive, filesFrom, common.streams().in(), skipOwnOutputs());
        boolean single = walker.isSingleFile();
        if (toStdout && !single) {
            throw usage("-o - writes one image to standard output: give exactly one input file (or -)");
        }
        int jobs = common.jobs();
        // One image: its rows are cut into bands over the threads. Many: one file per worker, each filter single-threaded.
        int before = Parallel.threads();
        Parallel.setThreads(single ? jobs : 1);
        try {
            return run(walker, single, single ? 1 : jobs);
        } finally {
            Parallel.setThreads(before); // the setting is global: leave it as found (commands also run in-process)
        }
    }

    private int run(InputWalker walker, boolean single, int workers) {
        long start = System.nanoTime();
        try (Progress progress = single ? Progress.silent(common.streams().err())
                : Progress.forFiles("filter", common.quiet(), common.streams().err())) {
            Reporter reporter = new Reporter(progress, common.verbose(), common.streams().err());
            List<InputFile> files = List.of();
            try {
                files = walker.list(reporter::failed);
            } catch (IOException e) {
                reporter.failed("-".equals(filesFrom) ? "--files-from -" : filesFrom, e);
            }
            Batch.Result result;
            long refused; // inputs that failed before the batch: missing, unreadable, or their output refused
            if (toStdout) {
                refused = reporter.failures();
                result = Batch.run(files, workers, file -> process(file, null, reporter), reporter);
            } else {
                OutputPlan plan = OutputPlan.of(files, file -> targetFor(file, formatFor(file)), reporter::failed, reporter::note);
                refused = reporter.failures();
                result = Batch.run(plan.inputs(), workers, file -> process(file, plan.target(file), reporter), reporter);
            }
            progress.close();
            String name = spec.qualifiedName();
            if (result.failed() > 0 && !common.quiet()) {
                common.streams().err().println(name + ": " + result.failed() + " of " + (refused + result.done()) + " inputs failed");
            } else if (common.verbose()) {
                common.streams().err().printf("%s: %d files in %.2f s on %d worker(s); thread time: decode %.2f s, filter %.2f s, encode+write %.2f s%n",
                        name, result.done(), (System.nanoTime() - start) / 1e9, workers,
                        decodeNanos.sum() / 1e9, filterNanos.sum() / 1e9, encodeNanos.sum() / 1e9);
            }
            if (result.done() == 0 && result.failed() == 0 && !common.quiet()) {
                common.streams().err().println(name + ": no image files found in the inputs");
            }
            return result.failed() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    private void checkOptions() {
        if (inputs.isEmpty() && filesFrom == null) {
            throw usage("no inputs: give image files, folders, - (standard input) or --files-from FILE");
        }
        if ("-".equals(filesFrom) && inputs.contains("-")) {
            throw usage("standard input cannot be both an image (-) and the list of --files-from -");
        }
        toStdout = "-".equals(output);
        if (toStdout && suffix != null) {
            throw usage("--suffix names files; it does not go with -o - (standard output)");
        }
        if (output == null && suffix == null) {
            throw usage("say where the results go: -o DIR, -o - (standard output) or --suffix TEXT (beside the inputs)");
        }
        if (output != null && !toStdout) {
            outDir = Path.of(output);
            if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
                throw usage("-o " + output + " is a file; -o takes a folder (or - for standard output)");
            }
        }
        if (format != null && depth != null) {
            try {
                ImageEncoder.depthFor(format, depth, SampleDepth.U8);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        List<Filter> steps = new ArrayList<>();
        for (KernelSpec k : kernels) {
            try {
                steps.add(k.toFilter(correlate, normalize));
            } catch (IllegalArgumentException e) {
                throw usage("-k " + k + ": " + e.getMessage());
            }
        }
        filter = steps.size() == 1 ? steps.getFirst() : Filters.chain(steps);
        boolean anyCustom = kernels.stream().anyMatch(k -> k.name() == KernelSpec.Name.CUSTOM);
        if ((correlate || normalize) && !anyCustom && !common.quiet()) {
            common.streams().err().println(spec.qualifiedName() + ": note: --correlate and --normalize change only custom kernels;"
                    + " named kernels always mean the conventional operator");
        }
    }

    /** Outputs met again while walking folders: anything under -o DIR, and files already carrying the suffix. */
    private Predicate<Path> skipOwnOutputs() {
        Path out = outDir == null ? null : outDir.toAbsolutePath().normalize();
        String sfx = suffix == null || suffix.isEmpty() ? null : suffix;
        return p -> (out != null && p.toAbsolutePath().normalize().startsWith(out))
                || (sfx != null && stem(p.getFileName().toString()).endsWith(sfx));
    }

    /** Decodes, filters and writes one input to {@code target} (null: standard output). */
    private void process(InputFile file, Path target, Reporter reporter) throws IOException {
        long t0 = System.nanoTime();
        DecodedImage img = file.isStdin() ? ImageDecoder.read(common.streams().in()) : ImageDecoder.read(file.path());
        long t1 = System.nanoTime();
        DecodedImage result = img.withImage(img.image().map(p -> filter.apply(p, border)));
        long t2 = System.nanoTime();
        decodeNanos.add(t1 - t0);
        filterNanos.add(t2 - t1);
        OutputFormat of = formatFor(file);
        SampleDepth d = ImageEncoder.depthFor(of, depth, img.depth());
        if (img.hasAlpha() && !of.holdsAlpha()) {
            reporter.note(file.display() + ": alpha dropped (" + of.extension() + " cannot hold it)");
        }
        if (target == null) {
            ImageEncoder.write(result, of, d, range, common.streams().out());
            common.streams().out().flush();
            return;
        }
        AtomicOutput.Body body = out -> ImageEncoder.write(result, of, d, range, out);
        if (outDir != null) {
            AtomicOutput.writeBelow(outDir, target, overwrite, body);
        } else {
            AtomicOutput.write(target, overwrite, body);
        }
        encodeNanos.add(System.nanoTime() - t2);
        reporter.note(file.display() + " -> " + target);
    }

    /** -f, else the input's own format when it can hold the depth asked for, else png (tif for float). */
    private OutputFormat formatFor(InputFile file) {
        if (format != null) {
            return format;
        }
        if (!file.isStdin()) {
            ImageFormat in = ImageFormat.ofPath(file.path()).orElse(null);
            if (in != null && in.writable() && (depth == null || in.holds(depth))) {
                String ext = ImageFormat.extensionOf(file.path());
                return new OutputFormat(in, in.extensions().contains(ext) ? ext : in.extension());
            }
        }
        return OutputFormat.of(depth == SampleDepth.FLOAT ? ImageFormat.TIFF : ImageFormat.PNG);
    }

    private Path targetFor(InputFile file, OutputFormat of) {
        String name = stem(file.relative().getFileName().toString()) + (suffix == null ? "" : suffix) + "." + of.extension();
        if (outDir == null) {
            return file.isStdin() ? Path.of(name) : file.path().resolveSibling(name);
        }
        Path parent = file.relative().getParent();
        return (parent == null ? outDir : outDir.resolve(parent)).resolve(name);
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static final class KernelConverter implements CommandLine.ITypeConverter<KernelSpec> {
        @Override
        public KernelSpec convert(String value) {
            try {
                return KernelSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class BorderConverter implements CommandLine.ITypeConverter<Border> {
        @Override
        public Border convert(String value) {
            try {
                return BorderSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class DepthConverter implements CommandLine.ITypeConverter<SampleDepth> {
        @Override
        public SampleDepth convert(String value) {
            try {
                return SampleDepth.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
