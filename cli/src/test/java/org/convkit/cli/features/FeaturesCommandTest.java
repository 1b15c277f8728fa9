package org.convkit.cli.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.convkit.cli.CliRun;
import org.convkit.io.data.DataSet;
import org.convkit.io.data.DataSets;
import org.convkit.io.data.Split;
import org.convkit.features.hog.BlockNorm;
import org.convkit.features.hog.Hog;
import org.convkit.features.hog.HogParameters;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code convkit features} end to end on the Fashion-MNIST sample, each output format read back by the
 * tools users will read it with: numpy.load for npz/npy/csv, sklearn's load_svmlight_file for svmlight.
 */
class FeaturesCommandTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path FASHION = CliRun.TESTDATA.resolve("fashion-mnist-sample");
    private static final int N = 150;

    @TempDir
    Path tmp;

    /** Python re-saves what it loaded as raw X (float32) and y (int32) plus "n d classes" in a text file. */
    private static final String LOADER = """
            import sys, numpy as np
            fmt, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
            classes = []
            if fmt == 'npz':
                d = np.load(path, allow_pickle=False)
                X, y, classes = d['X'], d['y'], list(d['classes'])
                assert X.dtype == np.float32 and y.dtype == np.int32, (X.dtype, y.dtype)
            elif fmt == 'npy':
                X = np.load(path, allow_pickle=False); y = np.zeros(X.shape[0], np.int32)
                assert X.dtype == np.float32
            elif fmt == 'csv':
                with open(path) as f:
                    header = f.readline().strip().split(',')
                assert header[0] == 'label' and header[1] == 'f0', header[:2]
                a = np.loadtxt(path, delimiter=',', skiprows=1, dtype=np.float64)
                X, y = a[:, 1:], a[:, 0]
            else:
                from sklearn.datasets import load_svmlight_file
                X, y = load_svmlight_file(path, dtype=np.float64)
                X = X.toarray()
            X.astype('<f4').tofile(out + '.X'); np.asarray(y).astype('<i4').tofile(out + '.y')
            with open(out + '.txt', 'w') as f:
                f.write('%d %d %s' % (X.shape[0], X.shape[1], '|'.join(classes)))
            """;

    @ParameterizedTest
    @ValueSource(strings = {"npz", "npy", "svmlight", "csv"})
    void eachFormatLoadsInPythonWithTheRightShapeLabelsAndValues(String format) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs Debian's /usr/bin/python3 with numpy and sklearn");
        Assumptions.assumeTrue(python("import numpy, sklearn.datasets") == 0,
                "/usr/bin/python3 lacks numpy or sklearn (apt install python3-numpy python3-sklearn)");
        Path out = tmp.resolve("hog." + format);
        CliRun r = CliRun.run("features", "--type", "hog", "--cell", "4", "--block", "2", "--data", FASHION.toString(),
                "--split", "test", "--limit", Integer.toString(N), "-o", out.toString(), "-q", "-j", "2");
        assertEquals(0, r.exitCode(), r.stderr());

        Path script = tmp.resolve("load.py");
        Files.writeString(script, LOADER);
        Path dump = tmp.resolve("dump");
        assertEquals(0, python(script.toString(), format, out.toString(), dump.toString()), "python could not load " + out);

        DataSet ds = DataSets.first(DataSets.open(FASHION, Split.TEST), N);
        Hog hog = new Hog(new HogParameters(9, 4, 4, 2, 2, BlockNorm.L2_HYS, false));
        int d = 1296;
        String[] info = Files.readString(dump.resolveSibling("dump.txt")).split(" ", 3);
        assertEquals(N, Integer.parseInt(info[0]));
        assertEquals(d, Integer.parseInt(info[1]));
        float[] x = floats(dump.resolveSibling("dump.X"));
        int[] y = ints(dump.resolveSibling("dump.y"));
        for (int i = 0; i < N; i++) {
            float[] expected = hog.extract(ds.get(i).image().image());
            float[] row = java.util.Arrays.copyOfRange(x, i * d, (i + 1) * d);
            assertArrayEquals(expected, row, 0f, "row " + i);
            if (!format.equals("npy")) {
                assertEquals(ds.label(i), y[i], "label " + i);
            }
        }
        if (format.equals("npz")) {
            assertEquals(String.join("|", ds.classes()), info[2]);
        }
    }

    @Test
    void pixelsAndGistWithStratifiedSample() throws IOException {
        Path out = tmp.resolve("px.npy");
        CliRun r = CliRun.run("features", "--type", "pixels", "--data", FASHION.toString(), "--sample", "20", "--seed", "3",
                "-o", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.stderr());
        byte[] b = Files.readAllBytes(out);
        assertTrue(new String(b, 0, 128, java.nio.charset.StandardCharsets.ISO_8859_1).contains("'shape': (20, 784)"));
        Path g = tmp.resolve("g.csv");
        CliRun r2 = CliRun.run("features", "--type", "gist", "--size", "32", "--boundary", "8", "--orientations", "8,8,4",
                "--data", FASHION.toString(), "--limit", "5", "-o", g.toString(), "-q");
        assertEquals(0, r2.exitCode(), r2.stderr());
        List<String> lines = Files.readAllLines(g);
        assertEquals(6, lines.size());
        assertEquals(1 + 20 * 16, lines.get(1).split(",").length);
    }

    @Test
    void hogSignedReachesTheExtractor() throws IOException {
        Path out = tmp.resolve("signed.csv");
        CliRun r = CliRun.run("features", "--type", "hog", "--signed", "--orientations", "18", "--cell", "4", "--block", "2",
                "--data", FASHION.toString(), "--split", "test", "--limit", "3", "-o", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size());
        Hog hog = new Hog(new HogParameters(18, 4, 4, 2, 2, BlockNorm.L2_HYS, false, true));
        try (DataSet ds = DataSets.open(FASHION, Split.TEST)) {
            for (int i = 0; i < 3; i++) {
                float[] expected = hog.extract(ds.get(i).image().image());
                String[] cols = lines.get(i + 1).split(",");
                assertEquals(1 + expected.length, cols.length);
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], Float.parseFloat(cols[j + 1]), 0f, "image " + i + ", value " + j);
                }
            }
        }
    }

    @Test
    void refusesToClobberAndReportsBadData() throws IOException {
        Path out = tmp.resolve("x.npz");
        Files.writeString(out, "keep me");
        CliRun r = CliRun.run("features", "--data", FASHION.toString(), "--limit", "3", "-o", out.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("exists; --overwrite replaces it"), r.stderr());
        assertEquals("keep me", Files.readString(out));

        CliRun bad = CliRun.run("features", "--data", tmp.resolve("nothing").toString(), "-o", tmp.resolve("y.npz").toString());
        assertEquals(1, bad.exitCode());
        assertEquals(1, bad.errLines().length, bad.stderr());
        assertTrue(bad.stderr().contains("no such file"), bad.stderr());

        CliRun usage = CliRun.run("features", "--type", "sift", "--data", FASHION.toString(), "-o", tmp.resolve("z.npz").toString());
        assertEquals(2, usage.exitCode());
        assertTrue(usage.stderr().contains("valid: hog, gist, pixels"), usage.stderr());
    }

    @Test
    void neverWritesOverAFileOfTheDataSet() throws IOException {
        Path root = tmp.resolve("set");
        Files.createDirectories(root.resolve("a"));
        Files.createDirectories(root.resolve("b"));
        Path image = Files.copy(CliRun.IMAGES.resolve("camera-crop.png"), root.resolve("a/1.npy"));
        Files.copy(CliRun.IMAGES.resolve("camera-crop.png"), root.resolve("b/1.png"));
        byte[] before = Files.readAllBytes(image);
        CliRun r = CliRun.run("features", "--data", root.toString(), "-f", "npy", "-o", image.toString(), "--overwrite");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("is inside the data set's folder --data " + root), r.stderr());
        assertArrayEquals(before, Files.readAllBytes(image));

        CliRun folder = CliRun.run("features", "--data", root.toString(), "-o", root.resolve("a").toString(), "--overwrite");
        assertEquals(2, folder.exitCode(), folder.stderr());
        assertTrue(folder.stderr().contains("is a folder"), folder.stderr());

        // a new file beside the data replaces nothing
        CliRun beside = CliRun.run("features", "--data", root.toString(), "-o", root.resolve("hog.npz").toString(), "-q");
        assertEquals(0, beside.exitCode(), beside.stderr());
    }

    @Test
    void featureOptionsHaveLimits() {
        String data = FASHION.toString();
        String out = tmp.resolve("o.npz").toString();
        for (String[] bad : new String[][] {
                {"--type", "hog", "--orientations", "100000000"},
                {"--type", "gist", "--size", "100000"},
                {"--type", "gist", "--boundary", "100000"},
                {"--type", "gist", "--size", "1024", "--orientations", "32,32,32,32,32,32,32,32"},
                {"--type", "gist", "--fc", "Infinity"},
        }) {
            String[] args = new String[bad.length + 5];
            System.arraycopy(new String[] {"features", "--data", data, "-o", out}, 0, args, 0, 5);
            System.arraycopy(bad, 0, args, 5, bad.length);
            CliRun r = CliRun.run(args);
            assertEquals(2, r.exitCode(), String.join(" ", bad) + ": " + r.stderr());
            assertEquals(2, r.errLines().length, r.stderr()); // the reason, and where help is
            assertTrue(!r.stderr().contains("internal error") && !Files.exists(Path.of(out)), r.stderr());
        }
    }

    @Test
    void aBrokenImageInAFolderIsNamedAndSkipped() throws IOException {
        Path root = tmp.resolve("set");
        Files.createDirectories(root.resolve("a"));
        Files.createDirectories(root.resolve("b"));
        Files.copy(CliRun.IMAGES.resolve("camera-crop.png"), root.resolve("a/1.png"));
        Files.copy(CliRun.IMAGES.resolve("camera-crop.png"), root.resolve("b/1.png"));
        Files.write(root.resolve("b/2.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path out = tmp.resolve("f.npy");
        CliRun r = CliRun.run("features", "--data", root.toString(), "-o", out.toString(), "-q");
        assertEquals(1, r.exitCode());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.errLines()[0].contains("2.png"), r.stderr());
        byte[] b = Files.readAllBytes(out);
        // camera-crop is 80x64: 8x10 cells, 6x8 blocks of 3x3x9
        assertTrue(new String(b, 0, 128, java.nio.charset.StandardCharsets.ISO_8859_1).contains("'shape': (2, 3888)"));
    }

    private static int python(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + (args[0].endsWith(".py") ? 1 : 2)];
        cmd[0] = PYTHON.toString();
        if (args[0].endsWith(".py")) {
            System.arraycopy(args, 0, cmd, 1, args.length);
        } else {
            cmd[1] = "-c";
            System.arraycopy(args, 0, cmd, 2, args.length);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static float[] floats(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    private static int[] ints(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        int[] f = new int[b.remaining() / 4];
        b.asIntBuffer().get(f);
        return f;
    }
}
