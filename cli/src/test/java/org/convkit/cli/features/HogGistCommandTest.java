package org.convkit.cli.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convkit.cli.CliRun;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.ImageDecoder;
import org.convkit.features.gist.Gist;
import org.convkit.features.gist.GistParameters;
import org.convkit.features.hog.BlockNorm;
import org.convkit.features.hog.Hog;
import org.convkit.features.hog.HogParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convkit hog} and {@code convkit gist} end to end: options reach the numeric code, outputs are right. */
class HogGistCommandTest {
    @TempDir
    Path tmp;

    @Test
    void hogNpyEqualsTheLibraryWithTheSameOptions() throws IOException {
        Path img = CliRun.IMAGES.resolve("chelsea-crop.png");
        Path out = tmp.resolve("v.npy");
        Path vis = tmp.resolve("vis.png");
        CliRun r = CliRun.run("hog", "--orientations", "8", "--cell", "7x5", "--block", "2x3", "--block-norm", "L1-sqrt",
                "--transform-sqrt", "-f", "npy", "-o", out.toString(), "--visualize", vis.toString(), img.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        float[] expected = new Hog(new HogParameters(8, 7, 5, 2, 3, BlockNorm.L1_SQRT, true))
                .extract(ImageDecoder.read(img).image());
        byte[] b = Files.readAllBytes(out);
        String header = new String(b, 0, 128, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("'shape': (" + expected.length + ",)"), header);
        int start = 128; // the header is padded to 64 bytes; this one fits 128
        float[] got = new float[expected.length];
        ByteBuffer.wrap(b, start, b.length - start).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(got);
        assertArrayEquals(expected, got, 0f);
        DecodedImage picture = ImageDecoder.read(vis);
        assertEquals(80, picture.width());
        assertEquals(60, picture.height());
    }

    @Test
    void hogSignedReachesTheLibrary() throws IOException {
        Path img = CliRun.IMAGES.resolve("camera-crop.png");
        CliRun r = CliRun.run("hog", "--signed", "--orientations", "18", "--cell", "8", "--block", "2", img.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String[] values = r.out().strip().split(" "); // one image: its values alone
        HogParameters signed = new HogParameters(18, 8, 8, 2, 2, BlockNorm.L2_HYS, false, true);
        float[] expected = new Hog(signed).extract(ImageDecoder.read(img).image());
        float[] unsigned = new Hog(new HogParameters(18, 8, 8, 2, 2, BlockNorm.L2_HYS, false)).extract(ImageDecoder.read(img).image());
        assertEquals(expected.length, values.length);
        float[] got = new float[values.length];
        for (int i = 0; i < got.length; i++) {
            got[i] = Float.parseFloat(values[i]);
        }
        assertArrayEquals(expected, got, 1e-6f);
        assertTrue(!java.util.Arrays.equals(unsigned, expected), "signed and unsigned HOG coincide");
    }

    @Test
    void hogTxtForSeveralImagesAndABrokenOne() throws IOException {
        Path broken = tmp.resolve("broken.png");
        Files.write(broken, new byte[] {1, 2, 3});
        String a = CliRun.IMAGES.resolve("camera-crop.png").toString();
        CliRun r = CliRun.run("hog", a, broken.toString(), a);
        assertEquals(1, r.exitCode());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.errLines()[0].contains("broken.png"), r.stderr());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith(a + "\t"));
        assertEquals(3888, lines[0].split("\t")[1].split(" ").length);
    }

    @Test
    void gistCsvHasLmgistLength() throws IOException {
        Path img = CliRun.IMAGES.resolve("coffee.png");
        CliRun r = CliRun.run("gist", "-f", "csv", img.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length);
        assertEquals(1 + 512, lines[1].split(",").length);
        float[] expected = new Gist(GistParameters.DEFAULT).extract(ImageDecoder.read(img).image());
        assertEquals(expected[100], Float.parseFloat(lines[1].split(",")[101]), 0f);
        CliRun bad = CliRun.run("gist", "--size", "33", img.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("even"), bad.stderr());
    }

    @Test
    void neverWritesOverAnInputImage() throws IOException {
        Path img = Files.copy(CliRun.IMAGES.resolve("camera-crop.png"), tmp.resolve("a.png"));
        Path other = Files.copy(CliRun.IMAGES.resolve("coins.png"), tmp.resolve("b.png"));
        byte[] before = Files.readAllBytes(img);
        Path link = Files.createSymbolicLink(tmp.resolve("link.png"), img);
        for (String[] args : new String[][] {
                {"hog", "-o", img.toString(), "--overwrite", other.toString(), img.toString()},
                {"hog", "-o", link.toString(), "--overwrite", img.toString()},
                {"hog", "-o", tmp.resolve("v.txt").toString(), "--visualize", img.toString(), "--overwrite", img.toString()},
                {"gist", "--size", "32", "-f", "npy", "-o", tmp.resolve(".").resolve("a.png").toString(), "--overwrite", img.toString()},
        }) {
            CliRun r = CliRun.run(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
            assertTrue(r.stderr().contains("is the input image " + img + "; convkit never writes over an input"), r.stderr());
            assertArrayEquals(before, Files.readAllBytes(img));
        }
        Path same = tmp.resolve("same.png");
        CliRun both = CliRun.run("hog", "-o", same.toString(), "--visualize", same.toString(), img.toString());
        assertEquals(2, both.exitCode(), both.stderr());
        assertTrue(both.stderr().contains("-o and --visualize name the same file"), both.stderr());
        assertTrue(Files.notExists(same));
    }

    @Test
    void hogAndGistOptionsHaveLimits() throws IOException {
        String img = CliRun.IMAGES.resolve("camera-crop.png").toString();
        for (String[] args : new String[][] {
                {"hog", "--orientations", "361", img},
                {"hog", "--visualize", tmp.resolve("v.png").toString(), "--visualize-scale", "100000", img},
                {"gist", "--size", "2048", img},
                {"gist", "--boundary", "-1", img},
                {"gist", "--orientations", "8,8,8,8,8,8,8,8,8", img},
        }) {
            CliRun r = CliRun.run(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
            assertTrue(r.errLines()[0].contains(" from ") || r.errLines()[0].contains(" to "), r.stderr());
        }
        // a big image with one-pixel cells: refused before the vector is made, one line naming the file
        CliRun tiny = CliRun.run("hog", "--cell", "1", "--block", "32", "--orientations", "360", img);
        assertEquals(1, tiny.exitCode(), tiny.stderr());
        assertEquals(1, tiny.errLines().length, tiny.stderr());
        assertTrue(tiny.stderr().contains(img + ": a 80 x 64 image gives"), tiny.stderr());
    }
}
