package org.convkit.io.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convkit.io.image.PixelLimit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data sets whose headers lie: sizes that wrap, gzip streams that hold more or less than declared,
 * CIFAR batches over 2 GB. Each is a {@link DataSetException} naming the file, or is read correctly.
 */
class HostileDataSetTest {
    @TempDir
    Path tmp;

    private final long limit = PixelLimit.max();

    @AfterEach
    void restoreLimit() { PixelLimit.set(limit); }

    /** An IDX image file's header (count, rows, cols) followed by {@code dataBytes} bytes of pixels. */
    private static byte[] images(int count, int rows, int cols, int dataBytes) {
        return ByteBuffer.allocate(16 + dataBytes).putInt(IdxDataSet.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols).array();
    }

    private static byte[] labels(int count, int dataBytes) {
        return ByteBuffer.allocate(8 + dataBytes).putInt(IdxDataSet.LABELS_MAGIC).putInt(count).array();
    }

    private DataSetException refused(String... expected) {
        DataSetException e = assertThrows(DataSetException.class, () -> DataSets.open(tmp, Split.TRAIN));
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), e.getMessage());
        }
        return e;
    }

    private void idx(byte[] images, byte[] labels, boolean gz) throws IOException {
        Files.deleteIfExists(tmp.resolve("train-images-idx3-ubyte"));
        Files.deleteIfExists(tmp.resolve("train-images-idx3-ubyte.gz"));
        Files.deleteIfExists(tmp.resolve("train-labels-idx1-ubyte"));
        Files.deleteIfExists(tmp.resolve("train-labels-idx1-ubyte.gz"));
        if (gz) {
            DataSetsTest.gzip(images, tmp.resolve("train-images-idx3-ubyte.gz"));
            DataSetsTest.gzip(labels, tmp.resolve("train-labels-idx1-ubyte.gz"));
        } else {
            Files.write(tmp.resolve("train-images-idx3-ubyte"), images);
            Files.write(tmp.resolve("train-labels-idx1-ubyte"), labels);
        }
    }

    /** 2^22 images of 2^21 x 2^21: the product is 2^64, which wraps to 0 in a long. */
    @Test
    void idxSizesWhoseProductWrapsAreRefused() throws IOException {
        idx(images(1 << 22, 1 << 21, 1 << 21, 64), labels(1 << 22, 0), false);
        refused("train-images-idx3-ubyte: images of 2097152x2097152", "over the pixel limit", "--max-pixels");
        PixelLimit.set(Long.MAX_VALUE);
        refused("more than convkit's image planes hold");
        idx(images(1 << 30, 28, 28, 64), labels(1 << 30, 0), false);
        refused("1073741824 images of 28x28 is more than 2 GB");
        idx(images(Integer.MAX_VALUE, 1, 1, 64), labels(Integer.MAX_VALUE, 0), false);
        refused("more than 2 GB");
        idx(images(-1, 28, 28, 64), labels(-1, 0), false);
        refused("bad header: -1 images of 28x28");
        idx(images(3, 0, 28, 64), labels(3, 0), false);
        refused("bad header: 3 images of 0x28");
    }

    @Test
    void plainIdxShorterThanItsHeaderDeclaresIsRefusedBeforeReading() throws IOException {
        idx(images(100_000, 28, 28, 64), labels(100_000, 0), false);
        refused("truncated: the header promises 100000 images of 28x28 (78400016 bytes) but the file holds 80 bytes");
        idx(images(2, 2, 2, 8), labels(3, 3), false);
        refused("train-labels-idx1-ubyte: 3 labels for the 2 images");
        idx(images(2, 2, 2, 8), labels(2, 1), false);
        refused("train-labels-idx1-ubyte: truncated: the header promises 2 labels (10 bytes) but the file holds 9 bytes");
    }

    /** The header is read from the gzip stream first; then only what it declares, and a longer stream is an error. */
    @Test
    void gzipIdxIsReadNoFurtherThanItsHeaderDeclares() throws IOException {
        idx(images(10, 4, 4, 1000 * 16), labels(10, 10), true);
        refused("train-images-idx3-ubyte.gz: inflates to more than its header declares (10 images of 4x4, 176 bytes)");
        idx(images(10, 4, 4, 10 * 16), labels(10, 11), true);
        refused("train-labels-idx1-ubyte.gz: inflates to more than its header declares (10 labels, 18 bytes)");
        idx(java.util.Arrays.copyOf(images(10, 4, 4, 0), 10), labels(10, 10), true);
        refused("truncated: 10 bytes, shorter than the 16-byte header");
        idx(images(10, 4, 4, 10 * 16), labels(10, 10), true);
        assertEquals(10, DataSets.open(tmp, Split.TRAIN).size());
        Files.write(tmp.resolve("train-images-idx3-ubyte.gz"), images(10, 4, 4, 10 * 16));
        refused("train-images-idx3-ubyte.gz: not a valid gzip file");
    }

    /** Declared: just under 2 GB; held: 160 bytes. The buffer grows only as bytes arrive (the forked small-heap test shows it). */
    @Test
    void gzipIdxDeclaringTwoGigabytesIsTruncated() throws IOException {
        idx(images((1 << 27) - 1, 4, 4, 10 * 16), labels((1 << 27) - 1, 0), true);
        refused("truncated: the header promises 134217727 images of 4x4 (2147483648 bytes) but the file holds 176 bytes");
    }

    /** Every record read through pieces of 2 records (7 bytes of a piece left over) matches the record as written. */
    @Test
    void cifarPiecesGiveTheSameRecordsAsOneMapping() throws IOException {
        byte[] one = cifarRecords(5, 0);
        byte[] two = cifarRecords(3, 5);
        Files.write(tmp.resolve("data_batch_1.bin"), one);
        Files.write(tmp.resolve("data_batch_2.bin"), two);
        DataSet whole = new CifarDataSet(tmp, Split.TRAIN);
        DataSet pieces = new CifarDataSet(tmp, Split.TRAIN, 2 * 3073 + 7);
        assertEquals(8, pieces.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(i, pieces.label(i));
            assertEquals(whole.name(i), pieces.name(i));
            assertEquals(10 * i + 1, pieces.get(i).image().image().channel(2).get(31, 31));
            assertEquals(10 * i, pieces.get(i).image().image().channel(0).get(0, 0));
        }
        assertEquals("data_batch_1.bin#4", pieces.name(4));
        assertEquals("data_batch_2.bin#2", pieces.name(7));
    }

    /** {@code n} CIFAR-10 records; record k has label {@code first + k}, red (0,0) = 10 label, blue (31,31) = 10 label + 1. */
    private static byte[] cifarRecords(int n, int first) {
        byte[] b = new byte[n * 3073];
        for (int k = 0; k < n; k++) {
            int label = first + k;
            b[k * 3073] = (byte) label;
            b[k * 3073 + 1] = (byte) (10 * label);
            b[k * 3073 + 3072] = (byte) (10 * label + 1);
        }
        return b;
    }

    /**
     * A CIFAR-10 batch of 2,147,489,225 bytes (a sparse file: the disk holds only the records written),
     * larger than one memory mapping can be.
     */
    @Test
    void cifarBatchOverTwoGigabytesIsRead() throws IOException {
        long records = Integer.MAX_VALUE / 3073 + 2;
        Path batch = tmp.resolve("data_batch_1.bin");
        try (RandomAccessFile f = new RandomAccessFile(batch.toFile(), "rw")) {
            f.setLength(records * 3073);
            f.seek((records - 1) * 3073);
            f.write(cifarRecords(1, 7));
        }
        assertTrue(Files.size(batch) > Integer.MAX_VALUE);
        DataSet ds = DataSets.open(tmp, Split.TRAIN);
        int last = (int) records - 1;
        assertEquals(records, ds.size());
        assertEquals(7, ds.label(last));
        assertEquals(0, ds.label(last - 1));
        assertEquals(71f, ds.get(last).image().image().channel(2).get(31, 31));
        assertEquals("data_batch_1.bin#" + last, ds.name(last));
    }

    @Test
    void classNamesThatAreNotTextAreADataSetError() throws IOException {
        Files.write(tmp.resolve("data_batch_1.bin"), cifarRecords(2, 0));
        Files.write(tmp.resolve("batches.meta.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'x'});
        refused("batches.meta.txt: not UTF-8 text");
    }

    @Test
    void aSymbolicLinkLoopInAClassFolderIsADataSetError() throws IOException {
        Files.createDirectories(tmp.resolve("cat"));
        Files.write(tmp.resolve("cat/1.png"), org.convkit.io.image.PngBytes.gray(4, 4, 1));
        Files.createSymbolicLink(tmp.resolve("cat/loop"), Path.of(".."));
        refused("loop", "a symbolic link loop");
    }
}
