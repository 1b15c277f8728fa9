package org.convkit.spark.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.convkit.spark.Fixtures;
import org.convkit.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The predict job's path, class and score equal {@code convkit baseline|cnn predict}'s lines; failures land in errors. */
class PredictJobTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = SharedSpark.get();

    @Test
    void aBaselineModelPredictsAsTheCli() throws IOException {
        sameAsCli("baseline", Fixtures.baselineModel());
    }

    @Test
    void aNetworkPredictsAsTheCli() throws IOException {
        Path model = tmp.resolve("small.safetensors");
        assertEquals(0, Fixtures.cli("cnn", "train", "-q", "--arch", "conv(4,3,pad=1) relu maxpool(2) flatten fc(10)", "--data",
                Fixtures.FASHION.toString(), "--limit", "300", "--epochs", "1", "-o", model.toString()).exitCode());
        sameAsCli("cnn", model);
    }

    /** The Fashion-MNIST test images and one damaged file, through the CLI and through the job. */
    private void sameAsCli(String command, Path model) throws IOException {
        Path folder = tmp.resolve("images");
        List<String> cli = new ArrayList<>(List.of(command, "predict", "--model", model.toString()));
        for (Path p : Fixtures.imageFolderOrder(Fixtures.fashionFolder())) {
            Path copy = folder.resolve(Fixtures.fashionFolder().relativize(p));
            Files.createDirectories(copy.getParent());
            Files.copy(p, copy);
            cli.add(copy.toString());
        }
        Path damaged = folder.resolve("damaged.png");
        Files.write(damaged, java.util.Arrays.copyOf(Files.readAllBytes(Fixtures.IMAGES.resolve("coins.png")), 100));
        cli.add(damaged.toString());
        Fixtures.Run expected = Fixtures.cli(cli.toArray(String[]::new));
        assertEquals(1, expected.exitCode(), expected.stderr());
        Map<Path, String[]> lines = new HashMap<>();
        for (String line : expected.stdout().strip().split("\n")) {
            String[] f = line.split("\t");
            lines.put(Path.of(f[0]), f);
        }

        Path out = tmp.resolve(command + "-predictions");
        Fixtures.Run run = Fixtures.job("predict", "--model", model.toString(), "--data", folder.toString(), "-o", out.toString());
        assertEquals(1, run.exitCode(), run.stderr());
        Map<Path, Row> rows = Fixtures.byPath(spark.read().parquet(out.toString()).collectAsList());
        assertEquals(lines.keySet(), rows.keySet());
        for (var e : lines.entrySet()) {
            Row r = rows.get(e.getKey());
            assertEquals(e.getValue()[1], r.getString(r.fieldIndex("class")), e.getKey().toString());
            assertEquals(e.getValue()[2], String.format(Locale.ROOT, "%.4f", r.getFloat(r.fieldIndex("score"))), e.getKey().toString());
        }
        Map<Path, Row> errors = Fixtures.byPath(spark.read().parquet(out + "-errors").collectAsList());
        assertEquals(1, errors.size());
        Row error = errors.get(damaged);
        assertNotNull(error);
        assertTrue(expected.stderr().contains(error.getString(1)), expected.stderr() + " / " + error.getString(1));
    }
}
