package org.convkit.spark;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.convkit.cli.Main;
import org.convkit.cli.Streams;
import org.convkit.io.data.DataSet;
import org.convkit.io.data.DataSets;
import org.convkit.io.data.Sample;
import org.convkit.io.data.Split;
import org.convkit.io.npy.Npy;
import org.convkit.io.npy.NpyArray;
import org.convkit.filters.image.Plane;

/** The test data the jobs and the CLI are compared on, and ways to run and read both. */
public final class Fixtures {
    public static final Path TESTDATA = Path.of(System.getProperty("convkit.testdata", "../testdata")).toAbsolutePath().normalize();
    public static final Path FASHION = TESTDATA.resolve("fashion-mnist-sample");
    public static final Path IMAGES = TESTDATA.resolve("images");

    private static Path fashionFolder;
    private static Path fashionSplits;
    private static Path baselineModel;

    private Fixtures() {}

    /** What a run of a command printed and returned. */
    public record Run(int exitCode, String stderr, String stdout) {}

    /** {@code convkit ARGS} in this JVM. */
    public static Run cli(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new Streams(new java.io.ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
        return new Run(code, err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
    }

    /** {@code convkit-spark ARGS} in this JVM, on the shared session. */
    public static Run job(String... args) {
        SharedSpark.get();
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--master");
        all.add(2, SharedSpark.MASTER);
        int code;
        synchronized (Fixtures.class) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                code = SparkMain.run(all.toArray(String[]::new));
            } finally {
                System.setErr(saved);
            }
        }
        String text = err.toString(StandardCharsets.UTF_8);
        saved.print(text);
        return new Run(code, text, "");
    }

    /** {@code convkit baseline train --features hog} on the Fashion-MNIST sample, trained once per test run. */
    public static synchronized Path baselineModel() throws IOException {
        if (baselineModel == null) {
            Path model = Files.createTempDirectory("convkit-spark-models").resolve("hog.cvb");
            Run run = cli("baseline", "train", "--features", "hog", "--data", FASHION.toString(), "-o", model.toString(), "-q");
            if (run.exitCode() != 0) {
                throw new IOException("baseline train failed: " + run.stderr());
            }
            baselineModel = model;
        }
        return baselineModel;
    }

    /**
     * The whole Fashion-MNIST sample (3,000 training and 1,000 test images) as {@code root/train/<class>/}
     * and {@code root/test/<class>/} PNGs, written once per test run.
     */
    public static synchronized Path fashionSplits() throws IOException {
        if (fashionSplits == null) {
            Path root = Files.createTempDirectory("convkit-spark-fashion-splits");
            writeFolder(Split.TRAIN, Integer.MAX_VALUE, root.resolve("train"));
            writeFolder(Split.TEST, Integer.MAX_VALUE, root.resolve("test"));
            fashionSplits = root;
        }
        return fashionSplits;
    }

    private static void writeFolder(Split split, int limit, Path root) throws IOException {
        try (DataSet all = DataSets.open(FASHION, split); DataSet ds = DataSets.first(all, Math.min(limit, all.size()))) {
            for (int i = 0; i < ds.size(); i++) {
                Sample s = ds.get(i);
                Path dir = root.resolve(ds.classes().get(s.label()).replace('/', '-'));
                Files.createDirectories(dir);
                ImageIO.write(gray(s.image().image().channel(0)), "png", dir.resolve(String.format("%05d.png", i)).toFile());
            }
        }
    }

    /**
     * The first 300 test images of the Fashion-MNIST sample as an ImageFolder of 8-bit PNGs
     * ({@code root/<class name>/<index>.png}), written once per test run.
     */
    public static synchronized Path fashionFolder() throws IOException {
        if (fashionFolder == null) {
            Path root = Files.createTempDirectory("convkit-spark-fashion");
            writeFolder(Split.TEST, 300, root);
            fashionFolder = root;
        }
        return fashionFolder;
    }

    private static BufferedImage gray(Plane p) {
        BufferedImage img = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                img.getRaster().setSample(x, y, 0, Math.round(p.get(x, y)));
            }
        }
        return img;
    }

    /** The files under {@code root/<class>/} in the order convkit's class-folder reader reads them. */
    public static List<Path> imageFolderOrder(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var classes = Files.list(root)) {
            for (Path c : classes.filter(Files::isDirectory).sorted().toList()) {
                try (var s = Files.walk(c)) {
                    files.addAll(s.filter(Files::isRegularFile).sorted().toList());
                }
            }
        }
        return files;
    }

    /** The rows of a NumPy {@code .npy} float32 matrix (as {@code convkit features -f npy} writes X), read by io's codec. */
    public static float[][] readNpyMatrix(Path file) throws IOException {
        NpyArray a = Npy.read(file);
        int[] shape = a.intShape();
        int rows = shape[0];
        int cols = shape.length > 1 ? shape[1] : 1;
        float[] all = a.floats();
        float[][] m = new float[rows][];
        for (int r = 0; r < rows; r++) {
            m[r] = java.util.Arrays.copyOfRange(all, r * cols, (r + 1) * cols);
        }
        return m;
    }

    /** A job's output rows keyed by local file path. */
    public static Map<Path, Row> byPath(List<Row> rows) {
        Map<Path, Row> m = new HashMap<>();
        for (Row r : rows) {
            m.put(localPath(r.getString(r.fieldIndex("path"))), r);
        }
        return m;
    }

    public static Path localPath(String uri) {
        return uri.startsWith("file:") ? Path.of(URI.create(uri.replace(" ", "%20"))) : Path.of(uri);
    }

    /** A Spark {@code array<float>} cell as a float[]. */
    public static float[] floats(Row r, String column) {
        List<Float> list = r.getList(r.fieldIndex(column));
        float[] f = new float[list.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = list.get(i);
        }
        return f;
    }
}
