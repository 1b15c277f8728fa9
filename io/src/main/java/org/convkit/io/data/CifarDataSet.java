package org.convkit.io.data;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.SampleDepth;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;

/**
 * The CIFAR-10 and CIFAR-100 binary versions (Krizhevsky 2009). CIFAR-10: {@code data_batch_1..5.bin}
 * (train) and {@code test_batch.bin}, records of 1 label byte and 3072 pixel bytes (the 32x32 red plane,
 * then green, then blue), class names in {@code batches.meta.txt}. CIFAR-100: {@code train.bin} and
 * {@code test.bin}, records of a coarse and a fine label byte then the pixels; the fine label is used,
 * names in {@code fine_label_names.txt}. The batch files are memory-mapped, in pieces of whole records
 * below 2 GB (one mapping cannot be larger), so that batches of any size are read alike.
 */
final class CifarDataSet implements DataSet {
    private static final int SIDE = 32;
    private static final int PIXELS = 3 * SIDE * SIDE;

    private final boolean hundred;
    private final Split split;
    private final Path dir;
    private final List<Path> files = new ArrayList<>();
    private final List<Piece> pieces = new ArrayList<>();
    private final int[] starts; // first sample index of each piece, then the count
    private final int count;
    private final int recordSize;
    private final List<String> classes;

    static boolean recognises(Path dir) {
        return Files.isRegularFile(dir.resolve("data_batch_1.bin")) || Files.isRegularFile(dir.resolve("test_batch.bin"))
                || Files.isRegularFile(dir.resolve("train.bin")) && Files.isRegularFile(dir.resolve("fine_label_names.txt"))
                || Files.isRegularFile(dir.resolve("test.bin")) && Files.isRegularFile(dir.resolve("fine_label_names.txt"));
    }

    CifarDataSet(Path dir, Split split) throws IOException { this(dir, split, Integer.MAX_VALUE); }

    /** {@code pieceBytes}: the most one mapping may cover (tests make it small to cross piece boundaries). */
    CifarDataSet(Path dir, Split split, int pieceBytes) throws IOException {
        this.dir = dir;
        this.split = split;
        hundred = Files.isRegularFile(dir.resolve("fine_label_names.txt"))
                || Files.isRegularFile(dir.resolve("train.bin")) || Files.isRegularFile(dir.resolve("test.bin"));
        recordSize = (hundred ? 2 : 1) + PIXELS;
        if (hundred) {
            files.add(dir.resolve(split == Split.TRAIN ? "train.bin" : "test.bin"));
        } else if (split == Split.TEST) {
            files.add(dir.resolve("test_batch.bin"));
        } else {
            for (int k = 1; Files.isRegularFile(dir.resolve("data_batch_" + k + ".bin")); k++) {
                files.add(dir.resolve("data_batch_" + k + ".bin"));
            }
            if (files.isEmpty()) {
                files.add(dir.resolve("data_batch_1.bin"));
            }
        }
        long total = 0;
        long perPiece = pieceBytes / recordSize;
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            if (!Files.isRegularFile(file)) {
                throw new DataSetException(file + ": missing: the " + split + " split of a CIFAR-" + (hundred ? "100" : "10")
                        + " folder needs it");
            }
            long size = Files.size(file);
            if (size == 0 || size % recordSize != 0) {
                throw new DataSetException(file + ": " + size + " bytes is not a whole number of " + recordSize
                        + "-byte CIFAR-" + (hundred ? "100" : "10") + " records (truncated?)");
            }
            long records = size / recordSize;
            if (total + records > Integer.MAX_VALUE) {
                throw new DataSetException(file + ": more than " + Integer.MAX_VALUE + " images in the " + split + " split");
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                for (long first = 0; first < records; first += perPiece) {
                    long n = Math.min(perPiece, records - first);
                    pieces.add(new Piece(f, (int) first, (int) total,
                            ch.map(FileChannel.MapMode.READ_ONLY, first * recordSize, n * recordSize)));
                    total += n;
                }
            }
        }
        starts = new int[pieces.size() + 1];
        for (int p = 0; p < pieces.size(); p++) {
            starts[p] = pieces.get(p).start;
        }
        starts[pieces.size()] = (int) total;
        count = (int) total;
        classes = classNames();
    }

    private List<String> classNames() throws IOException {
        Path names = dir.resolve(hundred ? "fine_label_names.txt" : "batches.meta.txt");
        int n = 0;
        for (int i = 0; i < count; i++) {
            n = Math.max(n, label(i) + 1);
        }
        if (Files.isRegularFile(names)) {
            return DataSets.classNamesFile(names, n);
        }
        return IntStream.range(0, n).mapToObj(Integer::toString).toList();
    }

    @Override
    public String description() {
        return "CIFAR-" + (hundred ? "100" : "10") + " " + split + " split, " + count + " images of 32x32 (" + dir + ")";
    }

    @Override
    public List<String> classes() { return classes; }

    @Override
    public int size() { return count; }

    /** Records {@code [start, start + n)} of the data set: file {@code file}'s records from {@code firstInFile}. */
    private record Piece(int file, int firstInFile, int start, MappedByteBuffer map) {}

    private Piece pieceOf(int i) {
        int p = java.util.Arrays.binarySearch(starts, i);
        return pieces.get(p >= 0 ? p : -p - 2);
    }

    @Override
    public int label(int i) {
        Piece p = pieceOf(i);
        return p.map.get((i - p.start) * recordSize + (hundred ? 1 : 0)) & 0xff;
    }

    @Override
    public String name(int i) {
        Piece p = pieceOf(i);
        return files.get(p.file).getFileName() + "#" + (p.firstInFile + i - p.start);
    }

    @Override
    public Sample get(int i) {
        Piece p = pieceOf(i);
        int at = (i - p.start) * recordSize + (hundred ? 2 : 1);
        Plane[] rgb = new Plane[3];
        for (int c = 0; c < 3; c++) {
            float[] d = new float[SIDE * SIDE];
            for (int k = 0; k < d.length; k++) {
                d[k] = p.map.get(at + c * d.length + k) & 0xff;
            }
            rgb[c] = new Plane(SIDE, SIDE, d);
        }
        return new Sample(i, name(i), new DecodedImage(new FloatImage(rgb), SampleDepth.U8), label(i));
    }
}
