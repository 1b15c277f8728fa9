package org.convkit.io.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-set readers on the Fashion-MNIST sample in testdata/ and on small folders made here. */
class DataSetsTest {
    static final Path FASHION = testdata().resolve("fashion-mnist-sample");

    @TempDir
    Path tmp;

    static Path testdata() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata/fashion-mnist-sample"))) {
                return p.resolve("testdata");
            }
        }
        throw new IllegalStateException("testdata/ not found");
    }

    @Test
    void readsTheFashionMnistSampleBothSplits() throws IOException {
        DataSet train = DataSets.open(FASHION, Split.TRAIN);
        DataSet test = DataSets.open(FASHION, Split.TEST);
        assertEquals(3000, train.size());
        assertEquals(1000, test.size());
        assertEquals(IdxDataSet.FASHION_CLASSES, train.classes());
        int[] perClass = new int[10];
        for (int i = 0; i < test.size(); i++) {
            perClass[test.label(i)]++;
        }
        assertArrayEquals(new int[] {100, 100, 100, 100, 100, 100, 100, 100, 100, 100}, perClass);
        // the first test image, straight from the gzipped bytes
        byte[] raw = gunzip(FASHION.resolve("t10k-images-idx3-ubyte.gz"));
        Sample s = test.get(0);
        assertEquals(28, s.image().width());
        assertEquals(1, s.image().image().channelCount());
        for (int k = 0; k < 784; k++) {
            assertEquals(raw[16 + k] & 0xff, s.image().image().channel(0).data()[k]);
        }
        byte[] labels = gunzip(FASHION.resolve("t10k-labels-idx1-ubyte.gz"));
        assertEquals(labels[8 + 17] & 0xff, test.get(17).label());
    }

    @Test
    void limitAndStratifiedSample() throws IOException {
        DataSet test = DataSets.open(FASHION, Split.TEST);
        DataSet first = DataSets.first(test, 25);
        assertEquals(25, first.size());
        assertEquals(test.label(24), first.label(24));
        DataSet sample = DataSets.stratified(test, 50, 7);
        assertEquals(50, sample.size());
        int[] perClass = new int[10];
        int last = -1;
        for (int i = 0; i < sample.size(); i++) {
            perClass[sample.label(i)]++;
            int index = sample.get(i).index();
            assertTrue(index > last, "data-set order kept");
            last = index;
        }
        assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, perClass);
        DataSet again = DataSets.stratified(test, 50, 7);
        DataSet other = DataSets.stratified(test, 50, 8);
        assertEquals(indices(sample), indices(again));
        assertTrue(!indices(sample).equals(indices(other)), "another seed, another sample");
    }

    @Test
    void missingLabelsFileIsNamed() throws IOException {
        Files.copy(FASHION.resolve("t10k-images-idx3-ubyte.gz"), tmp.resolve("t10k-images-idx3-ubyte.gz"));
        DataSetException e = assertThrows(DataSetException.class, () -> DataSets.open(tmp, Split.TEST));
        assertTrue(e.getMessage().contains("no labels file") && e.getMessage().contains("t10k-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void countMismatchIsReported() throws IOException {
        Files.copy(FASHION.resolve("t10k-images-idx3-ubyte.gz"), tmp.resolve("t10k-images-idx3-ubyte.gz"));
        byte[] labels = gunzip(FASHION.resolve("t10k-labels-idx1-ubyte.gz"));
        byte[] fewer = Arrays.copyOf(labels, 8 + 999);
        fewer[6] = (byte) (999 >> 8);
        fewer[7] = (byte) 999;
        Files.write(tmp.resolve("t10k-labels-idx1-ubyte"), fewer);
        DataSetException e = assertThrows(DataSetException.class, () -> DataSets.open(tmp, Split.TEST));
        assertTrue(e.getMessage().contains("999 labels for the 1000 images"), e.getMessage());
    }

    @Test
    void badMagicIsReported() throws IOException {
        byte[] images = gunzip(FASHION.resolve("t10k-images-idx3-ubyte.gz"));
        images[3] = 0x01; // 0x00000801 is the labels' magic
        Files.write(tmp.resolve("t10k-images-idx3-ubyte"), images);
        Files.copy(FASHION.resolve("t10k-labels-idx1-ubyte.gz"), tmp.resolve("t10k-labels-idx1-ubyte.gz"));
        DataSetException e = assertThrows(DataSetException.class, () -> DataSets.open(tmp, Split.TEST));
        assertTrue(e.getMessage().contains("bad magic number 0x00000801 (expected 0x00000803"), e.getMessage());
    }

    @Test
    void truncatedFilesAreReported() throws IOException {
        byte[] images = gunzip(FASHION.resolve("t10k-images-idx3-ubyte.gz"));
        Files.write(tmp.resolve("t10k-images-idx3-ubyte"), Arrays.copyOf(images, images.length - 100));
        Files.copy(FASHION.resolve("t10k-labels-idx1-ubyte.gz"), tmp.resolve("t10k-labels-idx1-ubyte.gz"));
        DataSetException e = assertThrows(DataSetException.class, () -> DataSets.open(tmp, Split.TEST));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("784016 bytes"), e.getMessage());

        Path gz = tmp.resolve("gz");
        Files.createDirectories(gz);
        byte[] packed = Files.readAllBytes(FASHION.resolve("t10k-images-idx3-ubyte.gz"));
        Files.write(gz.resolve("t10k-images-idx3-ubyte.gz"), Arrays.copyOf(packed, packed.length / 2));
        Files.copy(FASHION.resolve("t10k-labels-idx1-ubyte.gz"), gz.resolve("t10k-labels-idx1-ubyte.gz"));
        DataSetException g = assertThrows(DataSetException.class, () -> DataSets.open(gz, Split.TEST));
        assertTrue(g.getMessage().contains("truncated gzip stream"), g.getMessage());
    }

    @Test
    void imageFolderSortsClassesAndFiles() throws IOException {
        png(tmp.resolve("zebra/b.png"), 10);
        png(tmp.resolve("zebra/a.png"), 20);
        png(tmp.resolve("ant/x/c.png"), 30);
        Files.writeString(tmp.resolve("ant/notes.txt"), "not an image");
        Files.createDirectories(tmp.resolve(".hidden"));
        DataSet ds = DataSets.open(tmp, Split.TRAIN);
        assertEquals(List.of("ant", "zebra"), ds.classes());
        assertEquals(3, ds.size());
        assertEquals(0, ds.label(0));
        assertEquals(30f, ds.get(0).image().image().channel(0).get(1, 1));
        assertEquals(20f, ds.get(1).image().image().channel(0).get(0, 0)); // zebra/a before zebra/b
        assertEquals(1, ds.get(2).label());
    }

    @Test
    void imageFolderWithTrainAndTestTrees() throws IOException {
        png(tmp.resolve("train/cat/1.png"), 1);
        png(tmp.resolve("train/dog/1.png"), 2);
        png(tmp.resolve("test/cat/1.png"), 3);
        assertEquals(2, DataSets.open(tmp, Split.TRAIN).size());
        assertEquals(1, DataSets.open(tmp, Split.TEST).size());
    }

    @Test
    void cifar10Batches() throws IOException {
        byte[] batch = new byte[3 * 3073];
        for (int r = 0; r < 3; r++) {
            batch[r * 3073] = (byte) (r * 3);
            batch[r * 3073 + 1 + 1024 + 33] = (byte) 200; // green plane, row 1, column 1
        }
        Files.write(tmp.resolve("data_batch_1.bin"), batch);
        Files.write(tmp.resolve("data_batch_2.bin"), Arrays.copyOf(batch, 3073));
        Files.write(tmp.resolve("test_batch.bin"), batch);
        Files.writeString(tmp.resolve("batches.meta.txt"),
                "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
        DataSet train = DataSets.open(tmp, Split.TRAIN);
        assertEquals(4, train.size());
        assertEquals(10, train.classes().size());
        assertEquals(6, train.label(2));
        assertEquals(0, train.label(3));
        Sample s = train.get(1);
        assertEquals(3, s.image().image().channelCount());
        assertEquals(200f, s.image().image().channel(1).get(1, 1));
        assertEquals(0f, s.image().image().channel(0).get(1, 1));
        Files.write(tmp.resolve("test_batch.bin"), Arrays.copyOf(batch, 3000));
        DataSetException e = assertThrows(DataSetException.class, () -> DataSets.open(tmp, Split.TEST));
        assertTrue(e.getMessage().contains("not a whole number of 3073-byte CIFAR-10 records"), e.getMessage());
    }

    @Test
    void cifar100UsesFineLabels() throws IOException {
        byte[] rec = new byte[2 * 3074];
        rec[0] = 3;
        rec[1] = 42;
        rec[3074] = 1;
        rec[3075] = 7;
        Files.write(tmp.resolve("train.bin"), rec);
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            names.append("class").append(i).append('\n');
        }
        Files.writeString(tmp.resolve("fine_label_names.txt"), names);
        DataSet ds = DataSets.open(tmp, Split.TRAIN);
        assertEquals(2, ds.size());
        assertEquals(42, ds.label(0));
        assertEquals("class7", ds.classes().get(ds.label(1)));
    }

    @Test
    void notADataSet() throws IOException {
        DataSetException e = assertThrows(DataSetException.class, () -> DataSets.open(tmp.resolve("nope"), Split.TRAIN));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        DataSetException empty = assertThrows(DataSetException.class, () -> DataSets.open(tmp, Split.TRAIN));
        assertTrue(empty.getMessage().contains("no class folders"), empty.getMessage());
    }

    private static List<Integer> indices(DataSet ds) throws IOException {
        Integer[] out = new Integer[ds.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ds.get(i).index();
        }
        return List.of(out);
    }

    private static void png(Path file, int value) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                img.getRaster().setSample(x, y, 0, value);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    static byte[] gunzip(Path p) throws IOException {
        try (var in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    static void gzip(byte[] data, Path p) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(b)) {
            out.write(data);
        }
        Files.write(p, b.toByteArray());
    }
}
