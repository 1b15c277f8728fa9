package org.convkit.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code convkit demo}: the first command on a fresh machine. Runs the toolkit's commands on what the
 * checkout ships in testdata/ (no download): filters the sample images, extracts and draws HOG for one
 * image, and runs {@code convkit compare --quick} on the Fashion-MNIST sample; says where each result is.
 */
@Command(name = "demo", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"A two-minute tour on the files in testdata/.", "A tour in about two minutes, on the files in testdata/ (nothing to download): filters the sample images"
                + " a few ways, extracts HOG from one image and draws it, and compares shallow and deep classifiers on the"
                + " Fashion-MNIST sample ('convkit compare --quick'), ending with the table and the chart's path.",
                "",
                "Examples:",
                "  convkit demo",
                "  convkit demo -o demo-out --pipelines hog,lenet5"})
public final class DemoCommand implements Callable<Integer> {
    /** Where the full Fashion-MNIST lives on machines that have it (Debian-style data-set folder). */
    static final Path FULL_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** Each filter step: a sub-folder name and the filter options that fill it. */
    private static final List<List<String>> FILTERS = List.of(
            List.of("gaussian-sigma2", "-k", "gaussian:sigma=2"),
            List.of("sobel-magnitude", "-k", "sobel"),
            List.of("sobel-x-offset", "-k", "sobel-x", "--range", "offset"),
            List.of("sharpen", "-k", "sharpen"),
            List.of("median5", "-k", "median:size=5"),
            List.of("emboss", "-k", "emboss", "--range", "offset"),
            List.of("gaussian-then-laplacian-float", "-k", "gaussian:sigma=1.5", "-k", "laplacian", "--depth", "float", "-f", "tif"));

    /** The image whose HOG is drawn: a 512x512 photograph, 8-pixel cells give a readable picture. */
    private static final String HOG_IMAGE = "camera.png";

    @Mixin
    private CommonOptions common;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Write everything under DIR (default: a new temporary folder).")
    private Path output;

    @Option(names = "--images", paramLabel = "DIR", description = "Filter the images of DIR instead of testdata/images.")
    private Path images;

    @Option(names = "--data", paramLabel = "PATH", description = "Compare on PATH instead of testdata/fashion-mnist-sample.")
    private Path data;

    @Option(names = "--pipelines", paramLabel = "LIST", defaultValue = "default",
            description = "The pipelines to compare, as 'convkit compare --pipelines' (default: ${DEFAULT-VALUE}).")
    private String pipelines;

    @Option(names = "--train-sample", paramLabel = "N", description = "Train each pipeline on N images (default: compare --quick's 2000).")
    private Integer trainSample;

    @Option(names = "--test-sample", paramLabel = "N", description = "Test on N images (default: compare --quick's 1000).")
    private Integer testSample;

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        PrintStream out = common.streams().out();
        Path in = images != null ? images : Testdata.find("images");
        Path sample = data != null ? data : Testdata.find("fashion-mnist-sample");
        if (!Files.isDirectory(in)) {
            throw new CommandFailure("no sample images at " + in + " (give --images DIR)");
        }
        if (!Files.isDirectory(sample)) {
            throw new CommandFailure("no Fashion-MNIST sample at " + sample + " (give --data PATH)");
        }
        Path root = output != null ? Files.createDirectories(output) : Files.createTempDirectory("convkit-demo-");
        int worst = ExitCodes.OK;

        out.println("convkit demo: [1/3] filtering the images of " + in);
        Path filtered = root.resolve("filtered");
        for (List<String> step : FILTERS) {
            worst = Math.max(worst, convkit(List.of("filter", "-q", "--overwrite"), step.subList(1, step.size()),
                    List.of(in.toString(), "-o", filtered.resolve(step.getFirst()).toString())));
        }
        out.printf(Locale.ROOT, "  %d images filtered %d ways, under %s:%n", countFiles(filtered) / FILTERS.size(), FILTERS.size(), filtered);
        for (List<String> step : FILTERS) {
            out.println("    " + step.getFirst() + "/  convkit filter " + String.join(" ", step.subList(1, step.size())));
        }

        out.println("convkit demo: [2/3] HOG of " + in.resolve(HOG_IMAGE));
        Path hog = root.resolve("hog");
        Files.createDirectories(hog);
        Path vector = hog.resolve("camera-hog.npy");
        Path picture = hog.resolve("camera-hog.png");
        if (Files.isRegularFile(in.resolve(HOG_IMAGE))) {
            worst = Math.max(worst, convkit(List.of("hog", "-q", "--overwrite", "--cell", "8", "--block", "2", "-f", "npy"),
                    List.of("-o", vector.toString(), "--visualize", picture.toString(), in.resolve(HOG_IMAGE).toString()), List.of()));
            out.printf(Locale.ROOT, "  the HOG vector (cell 8, block 2, 9 orientations; NumPy .npy) in %s%n"
                    + "  the cell histograms drawn in %s%n", vector, picture);
        } else {
            out.println("  skipped: no " + HOG_IMAGE + " in " + in);
        }

        out.println("convkit demo: [3/3] shallow versus deep on " + sample + " (convkit compare --quick)");
        out.flush();
        Path report = root.resolve("compare");
        List<String> compare = new ArrayList<>(List.of("compare", "--data", sample.toString(), "--quick", "--pipelines", pipelines,
                "-o", report.toString(), "--overwrite", "-j", Integer.toString(common.jobs())));
        if (trainSample != null) {
            compare.addAll(List.of("--train-sample", trainSample.toString()));
        }
        if (testSample != null) {
            compare.addAll(List.of("--test-sample", testSample.toString()));
        }
        if (common.quiet()) {
            compare.add("-q");
        }
        worst = Math.max(worst, Main.run(common.streams(), compare.toArray(String[]::new)));

        out.println();
        out.println("convkit demo: done in " + String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9) + "; everything is under " + root);
        out.println("  the table:   " + report.resolve("results.md"));
        out.println("  the chart:   " + report.resolve("accuracy.png") + " (and accuracy-vs-time.png, confusion/*.png)");
        if (Files.isDirectory(FULL_FASHION_MNIST)) {
            out.println("  the full Fashion-MNIST (60,000 training images) is at " + FULL_FASHION_MNIST + "; compare there with");
            out.println("    ./convkit compare --data " + FULL_FASHION_MNIST + " -o fashion-report          (hours on two cores)");
            out.println("    ./convkit compare --data " + FULL_FASHION_MNIST + " --quick -o fashion-quick   (about two minutes)");
        }
        out.flush();
        return worst;
    }

    /** Runs a convkit command line in this process with our streams and thread count. */
    @SafeVarargs
    private int convkit(List<String>... parts) {
        List<String> args = new ArrayList<>();
        for (List<String> p : parts) {
            args.addAll(p);
        }
        args.addAll(List.of("-j", Integer.toString(common.jobs())));
        return Main.run(common.streams(), args.toArray(String[]::new));
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
