package org.convkit.cli.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.cli.CliRun;

/** The real files that are damaged at random: small images of every format convkit reads, and model files convkit wrote. */
final class Seeds {
    record Seed(String name, byte[] bytes) {}

    static final List<Seed> IMAGES = read(Stream.concat(
            Stream.of("images/camera-crop.png", "images/chelsea-crop.png", "images/moon-crop-16bit.png", "images/logo-rgba.png",
                    "images/chelsea.jpg", "hostile/images/ok-32x32.png").map(CliRun.TESTDATA::resolve),
            list(CliRun.TESTDATA.resolve("cli/formats"))));

    /** Written by {@code testdata/hostile/seeds/make_seeds.sh}. */
    static final List<Seed> MODELS = read(list(CliRun.TESTDATA.resolve("hostile/seeds"))
            .filter(p -> p.toString().endsWith(".safetensors")));

    private Seeds() {}

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Seed> read(Stream<Path> files) {
        return files.map(p -> {
            try {
                return new Seed(p.getFileName().toString(), Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
