package org.convkit.cli.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.cli.CliRun;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.ImageDecoder;
import org.convkit.io.image.SampleDepth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** convkit filter end to end, in-process, in temporary folders. */
class FilterCommandTest {
    @TempDir
    Path dir;

    private Path copy(String image, String to) throws IOException {
        Path target = dir.resolve(to);
        Files.createDirectories(target.getParent());
        return Files.copy(CliRun.IMAGES.resolve(image), target);
    }

    private List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void badFilesAreOneLineEachAndTheBatchGoesOn() throws IOException {
        copy("camera-crop.png", "in/a.png");
        copy("chelsea-crop.png", "in/b.png");
        Files.writeString(dir.resolve("in/corrupt.png"), "this is not a PNG at all");
        Files.write(dir.resolve("in/empty.jpg"), new byte[0]);
        byte[] png = Files.readAllBytes(CliRun.IMAGES.resolve("coffee.png"));
        Files.write(dir.resolve("in/truncated.png"), Arrays.copyOf(png, png.length / 2));

        CliRun r = CliRun.run("filter", "-k", "gaussian:sigma=1", dir.resolve("in").toString(), "-o", dir.resolve("out").toString());

        assertEquals(1, r.exitCode(), r.stderr());
        assertEquals(List.of("a.png", "b.png"), files(dir.resolve("out")));
        String[] lines = r.errLines();
        assertEquals(4, lines.length, r.stderr());  // three files and the summary
        assertTrue(r.stderr().contains("corrupt.png: not an image convkit can read"), r.stderr());
        assertTrue(r.stderr().contains("empty.jpg: empty file"), r.stderr());
        assertTrue(r.stderr().contains("truncated.png: corrupt or truncated PNG"), r.stderr());
        assertTrue(lines[3].contains("3 of 5 inputs failed"), lines[3]);
        assertFalse(r.stderr().contains("Exception"), "no stack traces: " + r.stderr());
    }

    @Test
    void missingInputIsReportedAndOthersAreWritten() throws IOException {
        Path a = copy("camera-crop.png", "a.png");
        CliRun r = CliRun.run("filter", "-k", "box:3", a.toString(), dir.resolve("nope.png").toString(), "-o", dir.resolve("out").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("nope.png: no such file"), r.stderr());
        assertEquals(List.of("a.png"), files(dir.resolve("out")));
    }

    @Test
    void mirrorsTheInputTreeWithRecursion() throws IOException {
        copy("camera-crop.png", "in/a.png");
        copy("chelsea-crop.png", "in/sub/b.png");
        copy("chelsea.jpg", "in/sub/deeper/c.jpg");
        Files.writeString(dir.resolve("in/notes.txt"), "not an image: folders only take image files");
        Files.createSymbolicLink(dir.resolve("in/sub/link.png"), dir.resolve("in/a.png"));      // a link to a file counts
        Files.createSymbolicLink(dir.resolve("in/loop"), dir.resolve("in"));                    // a link to a folder is not followed
        CliRun flat = CliRun.run("filter", "-k", "sharpen", dir.resolve("in").toString(), "-o", dir.resolve("flat").toString());
        assertEquals(0, flat.exitCode(), flat.stderr());
        assertEquals(List.of("a.png"), files(dir.resolve("flat")));

        CliRun r = CliRun.run("filter", "-r", "-k", "sharpen", dir.resolve("in").toString(), "-o", dir.resolve("out").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of("a.png", "sub/b.png", "sub/deeper/c.jpg", "sub/link.png"), files(dir.resolve("out")));
    }

    @Test
    void refusesToClobberWithoutOverwrite() throws IOException {
        Path a = copy("camera-crop.png", "a.png");
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.run("filter", "-k", "box:3", a.toString(), "-o", out.toString()).exitCode());
        byte[] first = Files.readAllBytes(out.resolve("a.png"));

        CliRun again = CliRun.run("filter", "-k", "box:5", a.toString(), "-o", out.toString());
        assertEquals(1, again.exitCode());
        assertTrue(again.stderr().contains("exists; --overwrite replaces it"), again.stderr());
        assertArrayEquals(first, Files.readAllBytes(out.resolve("a.png")));

        CliRun forced = CliRun.run("filter", "-k", "box:5", a.toString(), "-o", out.toString(), "--overwrite");
        assertEquals(0, forced.exitCode(), forced.stderr());
        assertFalse(Arrays.equals(first, Files.readAllBytes(out.resolve("a.png"))));
        assertEquals(List.of("a.png", "out/a.png"), files(dir), "no temporary files left");
    }

    @Test
    void neverOverwritesAnInput() throws IOException {
        Path a = copy("camera-crop.png", "a.png");
        byte[] before = Files.readAllBytes(a);
        CliRun r = CliRun.run("filter", "-k", "box:3", a.toString(), "-o", dir.toString(), "--overwrite");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("would replace the input"), r.stderr());
        assertArrayEquals(before, Files.readAllBytes(a));
    }

    @Test
    void noOutputReplacesAnyInputOfTheRunEvenWithOverwrite() throws IOException {
        Path a = copy("chelsea.jpg", "d/a.jpg");
        Path png = copy("camera-crop.png", "d/a.png");
        byte[] before = Files.readAllBytes(png);
        // a.jpg's output would be d/a.png, which is the next input
        CliRun r = CliRun.run("filter", "-k", "box:9", "-f", "png", "-o", dir.resolve("d").toString(), "--overwrite",
                a.toString(), png.toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("a.jpg: the output " + png + " would replace the input " + png), r.stderr());
        assertArrayEquals(before, Files.readAllBytes(png));

        // the same when the input comes later from a list, or through a symbolic link to the folder
        Path list = dir.resolve("list.txt");
        Files.writeString(list, a + "\n" + png + "\n");
        CliRun listed = CliRun.run("filter", "-k", "box:9", "-f", "png", "-o", dir.resolve("d").toString(), "--overwrite",
                "--files-from", list.toString());
        assertEquals(1, listed.exitCode(), listed.stderr());
        assertArrayEquals(before, Files.readAllBytes(png));
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("d"));
        CliRun linked = CliRun.run("filter", "-k", "box:9", "-o", dir.resolve("link").toString(), "--overwrite",
                dir.resolve("d").toString());
        assertEquals(1, linked.exitCode(), linked.stderr());
        assertTrue(linked.stderr().contains("would replace the input"), linked.stderr());
        assertArrayEquals(before, Files.readAllBytes(png));
        assertEquals(List.of("a.jpg", "a.png"), files(dir.resolve("d")), "nothing written, no temporary files");
    }

    @Test
    void twoInputsWithOneOutputNameAreAnErrorForTheSecond() throws IOException {
        Path first = copy("camera-crop.png", "a/x.png");
        Path second = copy("coins.png", "b/x.png");
        Path out = dir.resolve("out");
        CliRun r = CliRun.run("filter", "-k", "box:3", "-o", out.toString(), "--overwrite", first.toString(), second.toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(second + ": its output " + out.resolve("x.png") + " is also the output of " + first),
                r.stderr());
        assertEquals(List.of("x.png"), files(out));
        CliRun alone = CliRun.run("filter", "-k", "box:3", "-o", dir.resolve("alone").toString(), first.toString());
        assertArrayEquals(Files.readAllBytes(dir.resolve("alone/x.png")), Files.readAllBytes(out.resolve("x.png")),
                "the first input's output is kept");
        assertEquals(0, alone.exitCode());

        // the same file met twice (a folder and a file in it) is done once, without an error
        CliRun twice = CliRun.run("filter", "-k", "box:3", "-o", dir.resolve("twice").toString(),
                dir.resolve("a").toString(), first.toString());
        assertEquals(0, twice.exitCode(), twice.stderr());
        assertEquals(List.of("x.png"), files(dir.resolve("twice")));
    }

    @Test
    void outputsStayInsideTheOutputFolder() throws IOException {
        copy("camera-crop.png", "in/a.png");
        copy("coins.png", "in/sub/b.png");
        Path out = dir.resolve("out");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("sub"), elsewhere);
        CliRun r = CliRun.run("filter", "-r", "-k", "box:3", "-o", out.toString(), dir.resolve("in").toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("b.png: " + out.resolve("sub") + " is a symbolic link; convkit writes only into real folders below " + out),
                r.stderr());
        assertEquals(List.of(), files(elsewhere));
        assertTrue(Files.isRegularFile(out.resolve("a.png")));
        assertFalse(r.stderr().contains("internal error"), r.stderr());
    }

    @Test
    void suffixWritesBesideTheInputsAndIsNotTakenAgain() throws IOException {
        copy("camera-crop.png", "in/a.png");
        copy("coins.png", "in/b.png");
        CliRun r = CliRun.run("filter", "-k", "median:size=3", dir.resolve("in").toString(), "--suffix", "_med");
        assertEquals(0, r.exitCode(), r.stderr());
        CliRun again = CliRun.run("filter", "-k", "median:size=3", dir.resolve("in").toString(), "--suffix", "_med");
        assertEquals(1, again.exitCode(), "the second run finds its outputs in place");
        assertEquals(List.of("a.png", "a_med.png", "b.png", "b_med.png"), files(dir.resolve("in")));
    }

    @Test
    void stdinToStdout() throws IOException {
        byte[] png = Files.readAllBytes(CliRun.IMAGES.resolve("chelsea-crop.png"));
        CliRun r = CliRun.withInput(png, "filter", "-k", "gaussian:sigma=2", "-o", "-", "-");
        assertEquals(0, r.exitCode(), r.stderr());
        DecodedImage out = ImageDecoder.decode(r.stdout());
        assertEquals(80, out.width());
        assertEquals(3, out.image().channelCount());

        CliRun f = CliRun.withInput(png, "filter", "-k", "sobel-x", "--depth", "float", "-f", "npy", "-o", "-", "-");
        assertEquals(0, f.exitCode(), f.stderr());
        DecodedImage gx = ImageDecoder.decode(f.stdout());
        assertEquals(SampleDepth.FLOAT, gx.depth());
        float min = Float.MAX_VALUE;
        for (float v : gx.image().channel(0).data()) min = Math.min(min, v);
        assertTrue(min < 0, "float output keeps negative derivatives");
    }

    @Test
    void filesFromAList() throws IOException {
        copy("camera-crop.png", "photos/x/a.png");
        copy("coins.png", "photos/b.png");
        Path list = dir.resolve("list.txt");
        Files.writeString(list, dir.resolve("photos/x/a.png") + "\n\n" + dir.resolve("photos/b.png") + "\n");
        CliRun r = CliRun.run("filter", "--files-from", list.toString(), "-k", "box:3", "-o", dir.resolve("out").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of("a.png", "b.png"), files(dir.resolve("out")));

        CliRun piped = CliRun.withInput(("photos/x/a.png\n").getBytes(), "filter", "--files-from", "-", "-k", "box:3",
                "-o", dir.resolve("out2").toString());
        // relative paths are relative to the working folder (the module here), so this one is missing
        assertEquals(1, piped.exitCode());
        assertTrue(piped.stderr().contains("photos/x/a.png: no such file"), piped.stderr());
    }

    @Test
    void usageErrorsExitTwo() {
        CliRun bad = CliRun.run("filter", "-k", "gausian:sigma=2", "x.png", "-o", "out");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("valid: box, gaussian"), bad.stderr());
        CliRun border = CliRun.run("filter", "-k", "box:3", "-b", "reflekt", "x.png", "-o", "out");
        assertEquals(2, border.exitCode());
        assertTrue(border.stderr().contains("reflect101 (reflect-101, mirror)"), border.stderr());
        assertEquals(2, CliRun.run("filter", "-k", "box:3", "x.png").exitCode(), "no destination");
        assertEquals(2, CliRun.run("filter", "-k", "box:3", "-o", "out").exitCode(), "no inputs");
        assertEquals(2, CliRun.run("filter", "-k", "box:3", "--depth", "float", "-f", "png", "x.png", "-o", "out").exitCode());
        assertEquals(2, CliRun.run("filter", "-k", "custom:1 -1", "--normalize", "x.png", "-o", "out").exitCode());
        assertEquals(2, CliRun.run("filter", "-k", "box:3", "-j", "0", "x.png", "-o", "out").exitCode());
        assertEquals(2, CliRun.run("filtre").exitCode());
    }

    @Test
    void kernelLimitsAreUsageErrorsBeforeAnythingIsAllocated() throws IOException {
        Path a = copy("camera-crop.png", "a.png");
        Path big = dir.resolve("big.txt");
        Files.writeString(big, "1 ".repeat(600_000));
        Path wide = dir.resolve("wide.txt");
        Files.writeString(wide, "# one row too wide\n" + "1 ".repeat(1026));
        Path binary = dir.resolve("binary.txt");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        String[][] cases = {
                {"box:1000000000", "box: size must be from 1 to 1025, got 1000000000"},
                {"box:99999999999999999999", "box: size must be from 1 to 1025"},
                {"median:65537", "median: size must be from 1 to 1025, got 65537"},
                {"min:0", "min: size must be from 1 to 1025, got 0"},
                {"gaussian:sigma=1e9", "gaussian: sigma must be from 0.01 to 128"},
                {"gaussian:sigma=1e-200", "gaussian: sigma must be from 0.01 to 128"},
                {"gaussian:sigma=2,size=2049", "gaussian: size must be from 1 to 1025"},
                {"unsharp:sigma=500,amount=1", "unsharp: sigma must be from 0.01 to 128"},
                {"custom:@/dev/zero", "kernel file /dev/zero is larger than 1 MB"},
                {"custom:@" + big, "is larger than 1 MB"},
                {"custom:@" + wide, "custom matrix is 1026 x 1; at most 1025 x 1025"},
                {"custom:@" + binary, "is not text"},
                {"custom:@" + dir.resolve("none.txt"), "cannot read kernel file " + dir.resolve("none.txt") + " (no such file"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.run("filter", "-k", c[0], a.toString(), "-o", dir.resolve("out").toString());
            assertEquals(2, r.exitCode(), c[0] + ": " + r.stderr());
            assertTrue(r.errLines()[0].contains(c[1]), c[0] + ": " + r.stderr());
            assertEquals(2, r.errLines().length, c[0] + ": the reason and where help is: " + r.stderr());
        }
        assertFalse(Files.exists(dir.resolve("out")));
        // the largest allowed sizes still work
        CliRun largest = CliRun.run("filter", "-k", "gaussian:sigma=128", "-k", "box:1025", a.toString(), "-o", dir.resolve("out").toString());
        assertEquals(0, largest.exitCode(), largest.stderr());
        assertTrue(CliRun.run("help", "filter").out().contains("sizes 1 to 1025; sigma 0.01 to 128"));
    }

    @Test
    void helpVersionAndCompletion() {
        CliRun help = CliRun.run("help", "filter");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("dcb|abcd|cba"), "border pictures in the help");
        assertTrue(help.out().contains("SciPy mirror"));
        assertTrue(help.out().contains("gaussian:sigma=S"));
        CliRun version = CliRun.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("convkit "));
        CliRun completion = CliRun.run("completion", "bash");
        assertEquals(0, completion.exitCode());
        assertTrue(completion.out().contains("complete -F"), "a bash completion script");
    }
}
