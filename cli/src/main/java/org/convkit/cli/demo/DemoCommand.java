package org.convkit.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convkit demo}: runs a few filters over testdata/images into a fresh temporary folder and says where. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Filter the sample images in testdata/images with a few kernels into a new temporary folder, and print where they are.")
public final class DemoCommand implements Callable<Integer> {

    /** Each step: a sub-folder name and the filter options that fill it. */
    private static final List<List<String>> STEPS = List.of(
            List.of("gaussian-sigma2", "-k", "gaussian:sigma=2"),
            List.of("sobel-magnitude", "-k", "sobel"),
            List.of("sobel-x-offset", "-k", "sobel-x", "--range", "offset"),
            List.of("sharpen", "-k", "sharpen"),
            List.of("median5", "-k", "median:size=5"),
            List.of("emboss", "-k", "emboss", "--range", "offset"),
            List.of("gaussian-then-laplacian-float", "-k", "gaussian:sigma=1.5", "-k", "laplacian", "--depth", "float", "-f", "tif"));

    @Mixin
    private CommonOptions common;

    @Option(names = "--images", paramLabel = "DIR", description = "Take the images from DIR instead of testdata/images.")
    private Path images;

    @Override
    public Integer call() throws IOException {
        Path in = images != null ? images : findTestdata();
        if (!Files.isDirectory(in)) {
            throw new CommandFailure("no sample images at " + in + " (give --images DIR)");
        }
        Path out = Files.createTempDirectory("convkit-demo-");
        int worst = ExitCodes.OK;
        for (List<String> step : STEPS) {
            List<String> args = new ArrayList<>(List.of("filter", "-q", "-j", Integer.toString(common.jobs())));
            args.addAll(step.subList(1, step.size()));
            args.addAll(List.of(in.toString(), "-o", out.resolve(step.getFirst()).toString()));
            worst = Math.max(worst, Main.run(common.streams(), args.toArray(String[]::new)));
        }
        long files;
        try (Stream<Path> s = Files.walk(out)) {
            files = s.filter(Files::isRegularFile).count();
        }
        common.streams().out().println("convkit demo: " + files + " images from " + in + " filtered " + STEPS.size()
                + " ways into " + out);
        for (List<String> step : STEPS) {
            common.streams().out().println("  " + out.resolve(step.getFirst()) + "/  " + String.join(" ", step.subList(1, step.size())));
        }
        return worst;
    }

    /** testdata/images of the checkout: next to the launcher (convkit.home), above the jar, or under the working folder. */
    private static Path findTestdata() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getProperty("convkit.home");
        if (home != null) {
            candidates.add(Path.of(home));
        }
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                candidates.add(p);
            }
        } catch (Exception ignored) {
            // no code source: fall back to the working folder
        }
        candidates.add(Path.of("").toAbsolutePath());
        for (Path c : candidates) {
            Path t = c.resolve("testdata/images");
            if (Files.isDirectory(t)) {
                return t;
            }
        }
        return Path.of("testdata/images");
    }
}
