package org.convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.convkit.io.image.PngBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A damaged image in a batch or a data set is one line naming it; the rest goes on and the command exits
 * 1. Whether the damaged image comes first or last makes no difference. Also the pixel limit end to end.
 */
class DamagedInputTest {
    @TempDir
    Path tmp;

    /** A PNG whose IHDR chunk is cut to 8 bytes, the file ending there. */
    static final byte[] CUT_IHDR = PngBytes.png(PngBytes.chunk("IHDR", Arrays.copyOf(PngBytes.ihdrData(16, 16, 8, 0), 8)));
    /** 40000x40000 declared, a few bytes held. */
    static final byte[] HUGE = PngBytes.png(PngBytes.ihdr(40000, 40000, 8, 0), PngBytes.idat(new byte[40001]), PngBytes.iend());

    /** Two classes of six 16x16 gray images and {@code damaged} as the first (sorted) or the last file. */
    private Path dataSet(String name, byte[] damaged, boolean first) throws IOException {
        Path root = tmp.resolve(name);
        for (String c : List.of("a", "b")) {
            Files.createDirectories(root.resolve(c));
            for (int i = 0; i < 6; i++) {
                Files.write(root.resolve(c + "/img" + i + ".png"), PngBytes.gray(16, 16, (c.equals("a") ? 40 : 200) + 3 * i));
            }
        }
        Path bad = root.resolve(first ? "a/000-damaged.png" : "b/zzz-damaged.png");
        Files.write(bad, damaged);
        return bad;
    }

    private void skipsOnlyTheDamagedImage(String kind, byte[] damaged, String reason, BiFunction<Path, Path, CliRun> command)
            throws IOException {
        for (boolean first : new boolean[] {true, false}) {
            String name = kind + (first ? "-first" : "-last");
            Path bad = dataSet(name, damaged, first);
            Path out = tmp.resolve(name + ".out");
            CliRun r = command.apply(tmp.resolve(name), out);
            String where = name + ": " + r.stderr();
            assertEquals(ExitCodes.FAILED, r.exitCode(), where);
            List<String> lines = lines(r);
            assertEquals(1, lines.size(), where);
            assertTrue(lines.getFirst().startsWith("convkit: " + bad + ": ") && lines.getFirst().contains(reason), where);
            assertFalse(r.stderr().contains("internal error"), where);
            assertTrue(Files.exists(out), where);
        }
    }

    /** Standard error without the JVM's note about incubator modules. */
    private static List<String> lines(CliRun r) {
        return Arrays.stream(r.errLines()).filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn", "baseline", "features"})
    void aDamagedImageInADataSetIsSkipped(String command) throws IOException {
        BiFunction<Path, Path, CliRun> run = switch (command) {
            case "cnn" -> (data, out) -> CliRun.run("cnn", "train", "--arch", "conv(4,3,pad=1) relu flatten fc(2)", "--data", data.toString(),
                    "--epochs", "1", "--batch", "4", "--threads", "1", "-q", "-o", out.toString());
            case "baseline" -> (data, out) -> CliRun.run("baseline", "train", "--features", "pixels", "--data", data.toString(),
                    "-q", "-o", out.toString());
            default -> (data, out) -> CliRun.run("features", "--type", "hog", "--cell", "4", "--data", data.toString(),
                    "-q", "-o", out.toString());
        };
        skipsOnlyTheDamagedImage(command + "-cut", CUT_IHDR, "corrupt PNG (IHDR chunk of 8 bytes, not 13)", run);
        skipsOnlyTheDamagedImage(command + "-huge", HUGE, "over the pixel limit", run);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hog", "gist"})
    void aDamagedImageAmongDescriptorInputsIsSkipped(String command) throws IOException {
        skipsOnlyTheDamagedImage(command, CUT_IHDR, "IHDR chunk of 8 bytes", (data, out) -> {
            List<String> args = new ArrayList<>(List.of(command, "-o", out.toString()));
            if (command.equals("hog")) {
                args.addAll(List.of("--cell", "4"));
            } else {
                args.addAll(List.of("--size", "32"));
            }
            try (var files = Files.walk(data)) {
                files.filter(p -> p.toString().endsWith(".png")).sorted().forEach(p -> args.add(p.toString()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return CliRun.run(args.toArray(String[]::new));
        });
    }

    @Test
    void filterRefusesAHugeHeaderInOneLineAndMaxPixelsRaisesTheLimit() throws IOException {
        Path bomb = tmp.resolve("bomb.png");
        Files.write(bomb, HUGE);
        CliRun r = CliRun.run("filter", "-k", "box:3", bomb.toString(), "-o", tmp.resolve("out").toString());
        assertEquals(ExitCodes.FAILED, r.exitCode(), r.stderr());
        List<String> lines = lines(r);
        assertEquals("convkit: " + bomb + ": PNG of 40000x40000 = 1,600,000,000 pixels, over the pixel limit of 178,956,970"
                + " (--max-pixels N or CONVKIT_MAX_PIXELS=N raises it)", lines.getFirst(), r.stderr());

        Path small = tmp.resolve("small.png");
        Files.write(small, PngBytes.gray(100, 30, 9));
        CliRun tight = CliRun.run("filter", "--max-pixels", "2999", "-k", "box:3", small.toString(), "-o", tmp.resolve("tight").toString());
        assertEquals(ExitCodes.FAILED, tight.exitCode(), tight.stderr());
        assertTrue(tight.stderr().contains("small.png: PNG of 100x30 = 3,000 pixels, over the pixel limit of 2,999"), tight.stderr());
        CliRun enough = CliRun.run("filter", "--max-pixels", "3_000", "-k", "box:3", small.toString(), "-o", tmp.resolve("enough").toString());
        assertEquals(ExitCodes.OK, enough.exitCode(), enough.stderr());
        // the next command starts from the default again, not from the last --max-pixels
        CliRun tightAgain = CliRun.run("filter", "--max-pixels", "10", "-k", "box:3", small.toString(), "-o", tmp.resolve("t2").toString());
        assertEquals(ExitCodes.FAILED, tightAgain.exitCode());
        CliRun unlimited = CliRun.run("filter", "-k", "box:3", small.toString(), "-o", tmp.resolve("default").toString());
        assertEquals(ExitCodes.OK, unlimited.exitCode(), unlimited.stderr());
        assertEquals(ExitCodes.OK, CliRun.run("filter", "--max-pixels", "none", "-k", "box:3", small.toString(), "-o",
                tmp.resolve("none").toString()).exitCode());
    }

    @Test
    void maxPixelsIsAUsageErrorWhenNotACount() {
        CliRun r = CliRun.run("filter", "--max-pixels", "lots", "-k", "box:3", "x.png");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--max-pixels (or CONVKIT_MAX_PIXELS): 'lots' is not a pixel count"), r.stderr());
    }

    @Test
    void helpShowsMaxPixels() {
        for (String command : List.of("filter", "hog", "gist", "features")) {
            CliRun r = CliRun.run("help", command);
            assertTrue(r.out().contains("--max-pixels=N") && r.out().contains("178956970"), command + ": " + r.out());
        }
    }
}
