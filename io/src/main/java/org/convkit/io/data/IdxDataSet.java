package org.convkit.io.data;

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
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.PixelLimit;
import org.convkit.io.image.SampleDepth;
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
    private final byte[] pixels; // the images' bytes, without the header
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
        Idx images = Idx.read(imagesFile, IMAGES_MAGIC, "an IDX image file of unsigned bytes with 3 dimensions");
        pixels = images.data();
        count = images.dims()[0];
        rows = images.dims()[1];
        cols = images.dims()[2];
        Idx labelFile = Idx.read(labelsFile, LABELS_MAGIC, "an IDX label file of unsigned bytes with 1 dimension");
        if (labelFile.dims()[0] != count) {
            throw new DataSetException(labelsFile + ": " + labelFile.dims()[0] + " labels for the " + count + " images of " + imagesFile);
        }
        labels = labelFile.data();
        int maxLabel = -1;
        for (byte b : labels) {
            maxLabel = Math.max(maxLabel, b & 0xff);
        }
        classes = classNames(dir, maxLabel + 1);
    }

    private static List<String> classNames(Path dir, int n) throws IOException {
        Path txt = dir.resolve("classes.txt");
        if (Files.isRegularFile(txt)) {
            return DataSets.classNamesFile(txt, n);
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
        int base = i * n; // within the array: Idx.read checked count * rows * cols
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

    /**
     * One IDX file of unsigned bytes: its dimensions and the bytes after the header. The header is read
     * first, from the gzip stream for {@code .gz} files, and checked (no negative size, an image within
     * {@link PixelLimit}, a total that fits one array, a plain file long enough) before any data is
     * read. Then exactly the declared bytes are read, a gzip stream's buffer growing only as they
     * arrive: memory follows what the file holds, not what its header claims.
     */
    private record Idx(int[] dims, byte[] data) {
        static Idx read(Path file, int magic, String what) throws IOException {
            boolean gz = file.getFileName().toString().endsWith(".gz");
            int headerBytes = 4 + 4 * (magic & 0xff); // the magic's last byte counts the dimensions
            try (InputStream raw = Files.newInputStream(file);
                    InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
                byte[] head = in.readNBytes(headerBytes);
                if (head.length < 4) {
                    throw new DataSetException(file + ": truncated: " + head.length + " bytes, no IDX header");
                }
                int m = int32(head, 0);
                if (m != magic) {
                    throw new DataSetException(String.format("%s: bad magic number 0x%08X (expected 0x%08X, %s)", file, m, magic, what));
                }
                if (head.length < headerBytes) {
                    throw new DataSetException(file + ": truncated: " + head.length + " bytes, shorter than the "
                            + headerBytes + "-byte header");
                }
                int[] dims = new int[magic & 0xff];
                for (int k = 0; k < dims.length; k++) {
                    dims[k] = int32(head, 4 + 4 * k);
                }
                int size = declaredBytes(file, dims);
                long expected = (long) headerBytes + size;
                if (!gz && Files.size(file) < expected) {
                    throw truncated(file, dims, expected, Files.size(file));
                }
                byte[] data = gz ? in.readNBytes(size) : new byte[size];
                int got = gz ? data.length : in.readNBytes(data, 0, size);
                if (got < size) {
                    throw truncated(file, dims, expected, headerBytes + got);
                }
                if (gz && in.read() != -1) {
                    throw new DataSetException(file + ": inflates to more than its header declares (" + describe(dims)
                            + ", " + expected + " bytes)");
                }
                return new Idx(dims, data);
            } catch (EOFException e) {
                throw new DataSetException(file + ": truncated gzip stream (the download or copy was cut short)", e);
            } catch (ZipException e) {
                throw new DataSetException(file + ": not a valid gzip file (" + e.getMessage() + ")", e);
            } catch (NoSuchFileException e) {
                throw new DataSetException(file + ": no such file", e);
            }
        }

        /**
         * The data's size in bytes, the product of the dimensions. Refused when a dimension is negative
         * (or an image side zero), an image is over the pixel limit, or the total does not fit one array.
         */
        private static int declaredBytes(Path file, int[] dims) throws DataSetException {
            for (int k = 0; k < dims.length; k++) {
                if (dims[k] < 0 || k > 0 && dims[k] == 0) {
                    throw new DataSetException(file + ": bad header: " + describe(dims));
                }
            }
            if (dims.length == 3) {
                String refusal = PixelLimit.refusal(dims[2], dims[1]);
                if (refusal != null) {
                    throw new DataSetException(file + ": images of " + refusal);
                }
            }
            long size = 1;
            for (int d : dims) {
                // each factor is below 2^31: the product cannot wrap while it stays below 2^31 itself
                size *= d;
                if (size > PixelLimit.ARRAY_MAX) {
                    throw new DataSetException(file + ": " + describe(dims) + " is more than 2 GB; convkit reads IDX files of up to 2 GB");
                }
            }
            return (int) size;
        }

        private static DataSetException truncated(Path file, int[] dims, long expected, long holds) {
            return new DataSetException(file + ": truncated: the header promises " + describe(dims) + " (" + expected
                    + " bytes) but the file holds " + holds + " bytes");
        }

        private static String describe(int[] dims) {
            return dims.length == 3 ? dims[0] + " images of " + dims[1] + "x" + dims[2] : dims[0] + " labels";
        }
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
