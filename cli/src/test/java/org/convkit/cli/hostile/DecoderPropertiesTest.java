package org.convkit.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.convkit.cli.CliRun;

/**
 * Each decoder, fed real files damaged by {@link Mutator}, either decodes or throws its own format
 * exception (never anything else), and allocates no more than the mutant could hold. The seeds are
 * fixed so that every run tries the same mutants; {@code bench/fuzz_decoders.sh} runs the same checks
 * over a million fresh ones.
 */
class DecoderPropertiesTest {
    static final Path TESTDATA = CliRun.TESTDATA;

    private final List<Path> temporary = new ArrayList<>();

    @Provide
    Arbitrary<Integer> image() { return Arbitraries.integers().between(0, Seeds.IMAGES.size() - 1); }

    @Provide
    Arbitrary<Integer> model() { return Arbitraries.integers().between(0, Seeds.MODELS.size() - 1); }

    @Property(tries = 3000, seed = "20261207")
    void anImageDecodesOrIsRefusedAsAnImageFormatError(@ForAll("image") int which, @ForAll long seed) {
        byte[] mutant = Mutator.mutate(Seeds.IMAGES.get(which).bytes(), seed);
        Allocation a = Allocation.start();
        Decoders.image(mutant);
        assertNull(a.imageExcess(mutant));
    }

    @Property(tries = 400, seed = "20261207")
    void anIdxDataSetOpensAndReadsOrIsRefusedAsADataSetError(@ForAll boolean gzip, @ForAll boolean labels, @ForAll long seed)
            throws IOException {
        byte[][] idx = Fashion.idx(12);
        Path dir = temporaryDirectory();
        byte[] images = idx[0], labelBytes = idx[1];
        if (labels) {
            labelBytes = Mutator.mutate(labelBytes, seed);
        } else {
            images = Mutator.mutate(gzip ? gzip(images) : images, seed);
        }
        String suffix = gzip ? ".gz" : "";
        Files.write(dir.resolve("train-images-idx3-ubyte" + suffix), gzip && labels ? gzip(images) : images);
        Files.write(dir.resolve("train-labels-idx1-ubyte" + suffix), gzip ? gzip(labelBytes) : labelBytes);
        Allocation a = Allocation.start();
        Decoders.dataSet(dir);
        assertNull(a.excess(Files.size(dir.resolve("train-images-idx3-ubyte" + suffix)) + labelBytes.length));
    }

    @Property(tries = 300, seed = "20261207")
    void aCifarBatchOpensAndReadsOrIsRefusedAsADataSetError(@ForAll long seed) throws IOException {
        byte[][] idx = Fashion.idx(3);
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) { // three 32x32 colour records made from Fashion-MNIST pixels
            batch.write(idx[1][8 + i]);
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    batch.write(idx[0][16 + i * 784 + p % 784]);
                }
            }
        }
        Path dir = temporaryDirectory();
        byte[] mutant = Mutator.mutate(batch.toByteArray(), seed);
        Files.write(dir.resolve("data_batch_1.bin"), mutant);
        Allocation a = Allocation.start();
        Decoders.dataSet(dir);
        assertNull(a.excess(mutant.length));
    }

    @Property(tries = 600, seed = "20261207")
    void aModelLoadsOrIsRefusedAsAModelFormatError(@ForAll("model") int which, @ForAll long seed) throws IOException {
        byte[] mutant = Mutator.mutate(Seeds.MODELS.get(which).bytes(), seed);
        Path file = temporaryDirectory().resolve("model.safetensors");
        Files.write(file, mutant);
        Allocation a = Allocation.start();
        Decoders.model(file);
        assertNull(a.excess(mutant.length));
    }

    private Path temporaryDirectory() throws IOException {
        Path dir = Files.createTempDirectory("convkit-mutant");
        temporary.add(dir);
        return dir;
    }

    @AfterProperty
    void removeTemporaryFiles() throws IOException {
        for (Path dir : temporary) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        temporary.clear();
    }

    /** The first images of the Fashion-MNIST sample as raw IDX bytes (images, labels). */
    static final class Fashion {
        static byte[][] idx(int count) {
            Path dir = TESTDATA.resolve("fashion-mnist-sample");
            byte[] images = gunzip(dir.resolve("t10k-images-idx3-ubyte.gz"), 16 + count * 784);
            byte[] labels = gunzip(dir.resolve("t10k-labels-idx1-ubyte.gz"), 8 + count);
            ByteBuffer.wrap(images).putInt(4, count);
            ByteBuffer.wrap(labels).putInt(4, count);
            return new byte[][] {images, labels};
        }

        private static byte[] gunzip(Path file, int bytes) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return in.readNBytes(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }
}
