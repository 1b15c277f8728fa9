package org.convkit.spark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.convkit.spark.Fixtures;
import org.convkit.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The features job's vectors equal {@code convkit features}' for the same images and options; failures land in errors. */
class FeaturesJobTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = SharedSpark.get();

    @Test
    void hogOfTheFashionSampleEqualsTheCli() throws IOException {
        sameAsCli("--type", "hog", "--cell", "4", "--block", "2", "--signed", "--orientations", "18");
    }

    @Test
    void gistAndPixelsEqualTheCli() throws IOException {
        sameAsCli("--type", "gist", "--size", "32", "--boundary", "8", "--orientations", "8,4");
        sameAsCli("--type", "pixels");
    }

    /** Runs both on the Fashion-MNIST folder with {@code options}; every row equal, bit for bit. */
    private void sameAsCli(String... options) throws IOException {
        Path folder = Fixtures.fashionFolder();
        Path npy = tmp.resolve("cli-" + options[1] + ".npy");
        List<String> cli = new ArrayList<>(List.of("features", "--data", folder.toString(), "-o", npy.toString(), "-f", "npy", "-q"));
        cli.addAll(List.of(options));
        assertEquals(0, Fixtures.cli(cli.toArray(String[]::new)).exitCode());
        float[][] expected = Fixtures.readNpyMatrix(npy);

        Path out = tmp.resolve("spark-" + options[1]);
        List<String> job = new ArrayList<>(List.of("features", "--data", folder.toString(), "-o", out.toString()));
        job.addAll(List.of(options));
        assertEquals(0, Fixtures.job(job.toArray(String[]::new)).exitCode());
        List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
        Map<Path, Row> byPath = Fixtures.byPath(rows);
        List<Path> order = Fixtures.imageFolderOrder(folder);
        assertEquals(order.size(), rows.size());
        List<String> classes = Files.list(folder).map(p -> p.getFileName().toString()).sorted().toList();
        for (int i = 0; i < order.size(); i++) {
            Row r = byPath.get(order.get(i));
            assertNotNull(r, order.get(i).toString());
            assertArrayEquals(expected[i], Fixtures.floats(r, "features"), order.get(i).toString());
            String label = order.get(i).getParent().getFileName().toString();
            assertEquals(label, r.getString(r.fieldIndex("label")));
            assertEquals(classes.indexOf(label), r.getInt(r.fieldIndex("label_index")));
        }
        assertEquals(List.of("path", "label", "label_index", "features"), Arrays.asList(spark.read().parquet(out.toString()).columns()));
    }

    /**
     * The sample photographs (one class folder each), as JSON lines, against {@code convkit hog} per image;
     * a truncated and an empty file become rows of the errors output with the CLI's reasons, and the job
     * goes on and exits with 1.
     */
    @Test
    void samplePhotographsEqualConvkitHogAndDamagedFilesLandInErrors() throws IOException {
        Path root = tmp.resolve("images");
        List<Path> images;
        try (var s = Files.list(Fixtures.IMAGES)) {
            images = s.filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".jpg")).sorted().toList();
        }
        for (Path p : images) {
            String name = p.getFileName().toString();
            Path dir = Files.createDirectories(root.resolve(name.substring(0, name.lastIndexOf('.'))));
            Files.copy(p, dir.resolve(name));
        }
        byte[] camera = Files.readAllBytes(Fixtures.IMAGES.resolve("camera.png"));
        Path truncated = root.resolve("camera/truncated.png");
        Files.write(truncated, Arrays.copyOf(camera, camera.length / 2));
        Path empty = root.resolve("camera/empty.png");
        Files.write(empty, new byte[0]);
        Files.writeString(root.resolve("camera/notes.txt"), "not an image: left out, as convkit leaves it out");
        Path upper = root.resolve("camera/COPY.PNG"); // an extension in capitals is an image, as for convkit
        Files.write(upper, camera);

        Path out = tmp.resolve("hog-json");
        Fixtures.Run run = Fixtures.job("features", "--data", root.toString(), "-o", out.toString(), "--format", "json");
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains(images.size() + 1 + " images") && run.stderr().contains("2 failed"), run.stderr());
        Map<Path, Row> rows = Fixtures.byPath(spark.read().json(out.toString()).collectAsList());
        assertEquals(images.size() + 1, rows.size());
        Row original = rows.get(root.resolve("camera/camera.png"));
        assertEquals(original.getList(original.fieldIndex("features")), rows.get(upper).getList(original.fieldIndex("features")));
        for (Path p : images) {
            Path npy = tmp.resolve(p.getFileName() + ".npy");
            assertEquals(0, Fixtures.cli("hog", p.toString(), "-f", "npy", "-o", npy.toString(), "-q").exitCode());
            float[] expected = Fixtures.readNpyMatrix(npy)[0].length == 1 ? column(Fixtures.readNpyMatrix(npy)) : Fixtures.readNpyMatrix(npy)[0];
            Row r = rows.get(root.resolve(p.getFileName().toString().replaceAll("\\.[a-z]+$", "")).resolve(p.getFileName()));
            assertNotNull(r, p.toString());
            List<Double> json = r.getList(r.fieldIndex("features"));
            assertEquals(expected.length, json.size(), p.toString());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], json.get(i).floatValue(), p + " [" + i + "]");
            }
        }
        Map<Path, Row> errors = Fixtures.byPath(spark.read().json(out + "-errors").collectAsList());
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(cliReason(truncated), errors.get(truncated).getString(errors.get(truncated).fieldIndex("reason")));
        assertEquals(cliReason(empty), errors.get(empty).getString(errors.get(empty).fieldIndex("reason")));
    }

    @Test
    void aManifestGivesWhatTheFolderGives() throws IOException {
        Path folder = Fixtures.fashionFolder();
        Path manifest = tmp.resolve("list/manifest.csv");
        Files.createDirectories(manifest.getParent());
        StringBuilder csv = new StringBuilder("path,label\n");
        List<Path> files = Fixtures.imageFolderOrder(folder);
        for (Path f : files.subList(0, 60)) {
            // relative to the manifest's folder
            csv.append(manifest.getParent().relativize(f)).append(',').append('"').append(f.getParent().getFileName()).append('"').append('\n');
        }
        csv.append("missing.png,whatever\n");
        Files.writeString(manifest, csv);
        Path fromFolder = tmp.resolve("folder");
        Path fromManifest = tmp.resolve("manifest");
        assertEquals(0, Fixtures.job("features", "--data", folder.toString(), "-o", fromFolder.toString()).exitCode());
        Fixtures.Run run = Fixtures.job("features", "--manifest", manifest.toString(), "-o", fromManifest.toString(), "--partitions", "3");
        assertEquals(1, run.exitCode(), run.stderr());
        Map<Path, Row> all = Fixtures.byPath(spark.read().parquet(fromFolder.toString()).collectAsList());
        List<Row> listed = spark.read().parquet(fromManifest.toString()).collectAsList();
        assertEquals(60, listed.size());
        for (Row r : listed) {
            Path p = Fixtures.localPath(r.getString(0)).normalize();
            assertArrayEquals(Fixtures.floats(all.get(p), "features"), Fixtures.floats(r, "features"), p.toString());
            assertEquals(all.get(p).getString(1), r.getString(1));
        }
        List<Row> errors = spark.read().parquet(fromManifest + "-errors").collectAsList();
        assertEquals(1, errors.size());
        assertEquals("no such file", errors.get(0).getString(1));
    }

    @Test
    void anExistingOutputIsNotReplacedWithoutOverwrite() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        Fixtures.Run run = Fixtures.job("features", "--data", Fixtures.fashionFolder().toString(), "-o", out.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("exists; --overwrite replaces it"), run.stderr());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    }

    private static float[] column(float[][] m) {
        float[] f = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            f[i] = m[i][0];
        }
        return f;
    }

    private static String cliReason(Path file) {
        try {
            org.convkit.spark.io.ConvkitIo.decode(Files.readAllBytes(file));
            throw new AssertionError(file + " decoded");
        } catch (IOException e) {
            return org.convkit.spark.io.ConvkitIo.reason(e);
        }
    }
}
