package org.convkit.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The training run the launcher records its AOT cache from ({@code java -XX:AOTCacheOutput=...
 * -jar convkit.jar aot-training}): typical commands, run once each in this JVM, so that their
 * classes are in the cache when it is written (./convkit says what the cache can hold). Add a line to
 * {@link #runs} for each new command; the quick ones the start-up benchmark times come first.
 */
@Command(name = "aot-training", hidden = true, description = "Run typical commands once (used by ./convkit to record its start-up cache).")
public final class AotTrainingCommand implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    private static List<List<String>> runs(Path images, Path out) {
        String in = images.toString();
        String fashion = images.resolveSibling("fashion-mnist-sample").toString();
        return List.of(
                List.of("--version"),
                List.of("filter", "-q", "-k", "box:3", images.resolve("camera-crop.png").toString(), "-o", out.resolve("s").toString()),
                List.of("hog", "-q", images.resolve("camera-crop.png").toString()),
                List.of("filter", "-q", "-k", "gaussian:sigma=2", "-k", "sobel-x", "--range", "abs", in, "-o", out.resolve("a").toString()),
                List.of("filter", "-q", "-k", "median:size=3", "-k", "sharpen", in, "-o", out.resolve("b").toString(), "-f", "png"),
                List.of("filter", "-q", "-k", "custom:1 2 1; 0 0 0; -1 -2 -1", "--correlate", "-b", "reflect", "--depth", "float",
                        "-f", "npy", in, "-o", out.resolve("c").toString()),
                List.of("filter", "-q", "-k", "box:5", "--depth", "float", "-f", "tif", in, "-o", out.resolve("d").toString()),
                List.of("features", "-q", "--type", "hog", "--cell", "4", "--block", "2", "--data", fashion, "--split", "test",
                        "-o", out.resolve("f.npz").toString()),
                List.of("filter", "-q", "-k", "identity", "-f", "png", out.resolve("c").toString(), "-o", out.resolve("e").toString()));
    }

    @Override
    public Integer call() throws IOException {
        Path images = Path.of(System.getProperty("convkit.home", "."), "testdata", "images");
        Path out = Files.createTempDirectory("convkit-aot-");
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        Streams streams = new Streams(common.streams().in(), quiet, quiet);
        int worst = ExitCodes.OK;
        try {
            for (List<String> run : runs(images, out)) {
                worst = Math.max(worst, Main.run(streams, run.toArray(String[]::new)));
            }
            Main.commandLine(streams).getSubcommands().values().forEach(c -> c.getUsageMessage());
        } finally {
            try (Stream<Path> s = Files.walk(out)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return worst;
    }
}
