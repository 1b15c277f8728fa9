package org.convkit.cli.data;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.convkit.cli.io.DecodedImage;
import org.convkit.cli.io.SampleDepth;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;

/**
 * The CIFAR-10 and CIFAR-100 binary versions (Krizhevsky 2009). CIFAR-10: {@code data_batch_1..5.bin}
 * (train) and {@code test_batch.bin}, records of 1 label byte and 3072 pixel bytes (the 32x32 red plane,
 * then green, then blue), class names in {@code batches.meta.txt}. CIFAR-100: {@code train.bin} and
 * {@code test.bin}, records of a coarse and a fine label byte then the pixels; the fine label is used,
 * names in {@code fine_label_names.txt}. The batch files are memory-mapped.
 */
final class CifarDataSet implements DataSet {
    private static final int SIDE = 32;
    private static final int PIXELS = 3 * SIDE * SIDE;

    private final boolean hundred;
    private final Split split;
    private final Path dir;
    private final List<Path> files = new ArrayList<>();
    private final List<MappedByteBuffer> maps = new ArrayList<>();
    private final int[] starts; // first sample index of each file
    private final int count;
    private final int recordSize;
    private final List<String> classes;

    static boolean recognises(Path dir) {
        return Files.isRegularFile(dir.resolve("data_batch_1.bin")) || Files.isRegularFile(dir.resolve("test_batch.bin"))
                || Files.isRegularFile(dir.resolve("train.bin")) && Files.isRegularFile(dir.resolve("fine_label_names.txt"))
                || Files.isRegularFile(dir.resolve("test.bin")) && Files.isRegularFile(dir.resolve("fine_label_names.txt"));
    }

    CifarDataSet(Path dir, Split split) throws IOException {
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
        starts = new int[files.size() + 1];
        long total = 0;
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
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                maps.add(ch.map(FileChannel.MapMode.READ_ONLY, 0, size));
            }
            starts[f] = (int) total;
            total += size / recordSize;
        }
        starts[files.size()] = (int) total;
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
            List<String> list = Files.readAllLines(names).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (list.size() >= n) {
                return list;
            }
            throw new DataSetException(names + ": " + list.size() + " class names but labels go up to " + (n - 1));
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

    private int fileOf(int i) {
        int f = 0;
        while (i >= starts[f + 1]) {
            f++;
        }
        return f;
    }

    @Override
    public int label(int i) {
        int f = fileOf(i);
        long at = (long) (i - starts[f]) * recordSize + (hundred ? 1 : 0);
        return maps.get(f).get((int) at) & 0xff;
    }

    @Override
    public String name(int i) {
        int f = fileOf(i);
        return files.get(f).getFileName() + "#" + (i - starts[f]);
    }

    @Override
    public Sample get(int i) {
        int f = fileOf(i);
        MappedByteBuffer m = maps.get(f);
        int at = (i - starts[f]) * recordSize + (hundred ? 2 : 1);
        Plane[] rgb = new Plane[3];
        for (int c = 0; c < 3; c++) {
            float[] d = new float[SIDE * SIDE];
            for (int k = 0; k < d.length; k++) {
                d[k] = m.get(at + c * d.length + k) & 0xff;
            }
            rgb[c] = new Plane(SIDE, SIDE, d);
        }
        return new Sample(i, name(i),
                new DecodedImage(new FloatImage(rgb), SampleDepth.U8), label(i));
    }
}
