package org.convkit.cli.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.convkit.cli.io.DecodedImage;
import org.convkit.cli.io.SampleDepth;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;

/**
 * MNIST-style IDX files (LeCun's format, also Fashion-MNIST's): {@code train-images-idx3-ubyte} with
 * {@code train-labels-idx1-ubyte}, or {@code t10k-*} for the test split, each optionally gzipped.
 * Big-endian header: magic {@code 0x00000803} (unsigned bytes, 3 dimensions), count, rows, columns;
 * labels: magic {@code 0x00000801}, count. Both files are read into memory (Fashion-MNIST's training
 * images are 47 MB). Class names come from a {@code classes.txt} beside the files (one per line), else
 * Fashion-MNIST's when the folder's name says fashion, else the label numbers.
 */
final class IdxDataSet implements DataSet {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private final Path imagesFile;
    private final Split split;
    private final byte[] pixels;
    private final int offset;
    private final int count;
    private final int rows;
    private final int cols;
    private final byte[] labels;
    private final List<String> classes;

    /** True when {@code dir} holds IDX image files of either split. */
    static boolean recognises(Path dir) {
        return find(dir, "train-images-idx3-ubyte") != null || find(dir, "t10k-images-idx3-ubyte") != null;
    }

    IdxDataSet(Path dir, Split split) throws IOException {
        this.split = split;
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        imagesFile = find(dir, prefix + "-images-idx3-ubyte");
        if (imagesFile == null) {
            throw new DataSetException(dir + ": no " + prefix + "-images-idx3-ubyte[.gz] for the " + split
                    + " split (IDX files here: " + String.join(", ", listIdx(dir)) + ")");
        }
        Path labelsFile = find(dir, prefix + "-labels-idx1-ubyte");
        if (labelsFile == null) {
            throw new DataSetException(imagesFile + ": no labels file beside it (expected " + prefix
                    + "-labels-idx1-ubyte or " + prefix + "-labels-idx1-ubyte.gz in " + dir + ")");
        }
        pixels = readAll(imagesFile);
        checkMagic(imagesFile, pixels, IMAGES_MAGIC, "an IDX image file of unsigned bytes with 3 dimensions");
        if (pixels.length < 16) {
            throw new DataSetException(imagesFile + ": truncated: " + pixels.length + " bytes, shorter than the 16-byte header");
        }
        count = int32(pixels, 4);
        rows = int32(pixels, 8);
        cols = int32(pixels, 12);
        offset = 16;
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new DataSetException(imagesFile + ": bad header: " + count + " images of " + rows + "x" + cols);
        }
        long expected = offset + (long) count * rows * cols;
        if (pixels.length < expected) {
            throw new DataSetException(imagesFile + ": truncated: the header promises " + count + " images of " + rows + "x"
                    + cols + " (" + expected + " bytes) but the file holds " + pixels.length + " bytes");
        }
        byte[] rawLabels = readAll(labelsFile);
        checkMagic(labelsFile, rawLabels, LABELS_MAGIC, "an IDX label file of unsigned bytes with 1 dimension");
        if (rawLabels.length < 8) {
            throw new DataSetException(labelsFile + ": truncated: " + rawLabels.length + " bytes, shorter than the 8-byte header");
        }
        int labelCount = int32(rawLabels, 4);
        if (labelCount != count) {
            throw new DataSetException(labelsFile + ": " + labelCount + " labels for the " + count + " images of " + imagesFile);
        }
        if (rawLabels.length < 8L + labelCount) {
            throw new DataSetException(labelsFile + ": truncated: the header promises " + labelCount
                    + " labels but the file holds " + (rawLabels.length - 8));
        }
        labels = java.util.Arrays.copyOfRange(rawLabels, 8, 8 + labelCount);
        int maxLabel = -1;
        for (byte b : labels) {
            maxLabel = Math.max(maxLabel, b & 0xff);
        }
        classes = classNames(dir, maxLabel + 1);
    }

    private static List<String> classNames(Path dir, int n) throws IOException {
        Path txt = dir.resolve("classes.txt");
        if (Files.isRegularFile(txt)) {
            List<String> names = Files.readAllLines(txt).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (names.size() < n) {
                throw new DataSetException(txt + ": " + names.size() + " class names but labels go up to " + (n - 1));
            }
            return names;
        }
        Path abs = dir.toAbsolutePath().normalize();
        String folder = abs.getFileName() == null ? "" : abs.getFileName().toString().toLowerCase(Locale.ROOT);
        if (folder.contains("fashion") && n <= FASHION_CLASSES.size()) {
            return FASHION_CLASSES;
        }
        return IntStream.range(0, Math.max(n, 1)).mapToObj(Integer::toString).toList();
    }

    @Override
    public String description() {
        return "IDX " + split + " split, " + count + " images of " + cols + "x" + rows + " (" + imagesFile + ")";
    }

    @Override
    public List<String> classes() { return classes; }

    @Override
    public int size() { return count; }

    @Override
    public int label(int i) { return labels[i] & 0xff; }

    @Override
    public String name(int i) { return imagesFile.getFileName() + "#" + i; }

    @Override
    public Sample get(int i) {
        int n = rows * cols;
        float[] d = new float[n];
        int base = offset + i * n;
        for (int k = 0; k < n; k++) {
            d[k] = pixels[base + k] & 0xff;
        }
        DecodedImage img = new DecodedImage(new FloatImage(new Plane(cols, rows, d)), SampleDepth.U8);
        return new Sample(i, name(i), img, label(i));
    }

    /** {@code dir/base} or {@code dir/base.gz}; also the common {@code base.idx3-ubyte} spelling with a dot. */
    static Path find(Path dir, String base) {
        for (String name : new String[] {base, base + ".gz", base.replace("-idx", ".idx"), base.replace("-idx", ".idx") + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static List<String> listIdx(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.contains("idx")).sorted().toList();
            return names.isEmpty() ? List.of("none") : names;
        }
    }

    static byte[] readAll(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            if (!file.getFileName().toString().endsWith(".gz")) {
                return raw.readAllBytes();
            }
            try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                return in.readAllBytes();
            } catch (EOFException e) {
                throw new DataSetException(file + ": truncated gzip stream (the download or copy was cut short)", e);
            } catch (ZipException e) {
                throw new DataSetException(file + ": not a valid gzip file (" + e.getMessage() + ")", e);
            }
        } catch (NoSuchFileException e) {
            throw new DataSetException(file + ": no such file", e);
        }
    }

    private static void checkMagic(Path file, byte[] b, int magic, String what) throws DataSetException {
        if (b.length < 4) {
            throw new DataSetException(file + ": truncated: " + b.length + " bytes, no IDX header");
        }
        int m = int32(b, 0);
        if (m != magic) {
            throw new DataSetException(String.format("%s: bad magic number 0x%08X (expected 0x%08X, %s)", file, m, magic, what));
        }
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
