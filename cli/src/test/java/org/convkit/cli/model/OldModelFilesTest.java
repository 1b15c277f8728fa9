package org.convkit.cli.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.convkit.cli.CliRun;
import org.convkit.io.model.ModelEnvelope;
import org.convkit.io.model.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model files written by earlier builds ({@code testdata/models}, one per format version this build reads)
 * load, and predict and evaluate exactly as the build that wrote them did: the same classes in the same order
 * with the same scores, and the same accuracy and confusion matrix. And training with the same seed and
 * options writes a file of the same layout and metadata, in the current envelope.
 */
class OldModelFilesTest {
    static final Path MODELS = CliRun.TESTDATA.resolve("models");
    static final Path FASHION = CliRun.TESTDATA.resolve("fashion-mnist-sample");
    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"baseline-v1", "baseline-v2", "baseline-v3"})
    void baselineFilesScoreAsWhenTheyWereWritten(String name) throws IOException {
        Path model = MODELS.resolve(name + ".cvb");
        assertEquals(name.substring(name.length() - 1), SafeTensors.readMetadata(model).get("convkit.format_version"));
        List<String> args = new ArrayList<>(List.of("baseline", "predict", "-q", "-m", model.toString(), "--top", "10", "-j", "1"));
        images().forEach(p -> args.add(p.toString()));
        CliRun r = run(args.toArray(String[]::new));
        assertEquals(withFileNames(Files.readAllLines(MODELS.resolve(name + ".predict.tsv"))), withFileNames(r.out().lines().toList()));
        assertSameEvaluation(name, "baseline", model);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn-v1"})
    void cnnFilesScoreAsWhenTheyWereWritten(String name) throws IOException {
        Path model = MODELS.resolve(name + ".safetensors");
        assertEquals(name.substring(name.length() - 1), SafeTensors.readMetadata(model).get("convkit.format_version"));
        List<String> args = new ArrayList<>(List.of("cnn", "predict", "-q", "-m", model.toString(), "--format", "json", "--logits",
                "--top", "10", "-j", "1", "--threads", "1"));
        images().forEach(p -> args.add(p.toString()));
        CliRun r = run(args.toArray(String[]::new));
        assertEquals(withFileNames(JSON.readTree(MODELS.resolve(name + ".predict.json").toFile())), withFileNames(JSON.readTree(r.out())));
        assertSameEvaluation(name, "cnn", model, "--threads", "1");
    }

    /**
     * The recipe of {@code baseline-v3.cvb} writes the same layout of tensors and the same metadata in the same
     * order, but for the data set's path as typed ({@code training.data}), the CRC of the weights, and how C was
     * chosen ({@code training.C_selection}, written since C is chosen on the data by default). The weights' values
     * are not compared: the SVM solver chosen for dense rows changed after that file was written
     * (bench/same_models.sh compares two builds' files byte for byte).
     */
    @Test
    void baselineTrainingWritesTheSameLayoutAndMetadata(@TempDir Path tmp) throws IOException {
        Path again = tmp.resolve("again.cvb");
        run("baseline", "train", "-q", "--features", "hog", "--cell", "7", "--orientations", "9", "--kernel-map", "chi2", "--no-signed",
                "--intensity", "7", "--landmarks", "4", "--C", "0.1", "--data", "../testdata/fashion-mnist-sample", "--sample", "300",
                "--seed", "7", "-j", "1", "-o", again.toString());
        SafeTensors.Contents before = SafeTensors.read(MODELS.resolve("baseline-v3.cvb"));
        SafeTensors.Contents after = SafeTensors.read(again);
        assertSameLayout(before, after);
        Map<String, String> expected = new LinkedHashMap<>();
        before.metadata().forEach((k, v) -> {
            expected.put(k, v);
            if (k.equals("training.C")) {
                expected.put("training.C_selection", "fixed");
            }
        });
        expected.put("training.data", after.metadata().get("training.data"));
        expected.put("convkit.crc32", ModelEnvelope.checksum(after.tensors()));
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(after.metadata().entrySet()));
    }

    private static void assertSameLayout(SafeTensors.Contents before, SafeTensors.Contents after) {
        assertEquals(List.copyOf(before.tensors().keySet()), List.copyOf(after.tensors().keySet()));
        before.tensors().forEach((k, t) -> {
            assertEquals(t.dtype(), after.tensors().get(k).dtype(), k);
            assertArrayEquals(t.shape(), after.tensors().get(k).shape(), k);
        });
    }

    /**
     * The CNN's format 2 holds the tensors of format 1 (same names, types and shapes) and the same metadata but for the
     * envelope: a checksum, and the input shape as width, height and channels where format 1 wrote {@code input.shape}.
     * Their values are not compared: the engine's speed work may change the order of float additions, and with it the
     * last bits of trained weights (bench/same_models.sh compares two builds' files byte for byte).
     */
    @Test
    void cnnTrainingWritesTheSameTensorsInTheEnvelope(@TempDir Path tmp) throws IOException {
        Path again = tmp.resolve("again.safetensors");
        run("cnn", "train", "-q", "--arch", "conv(4,3,pad=1) bn relu maxpool(2) flatten fc(10)", "--data",
                "../testdata/fashion-mnist-sample", "--limit", "300", "--epochs", "1", "--seed", "7", "--threads", "1", "-j", "1",
                "-o", again.toString());
        SafeTensors.Contents before = SafeTensors.read(MODELS.resolve("cnn-v1.safetensors"));
        SafeTensors.Contents after = SafeTensors.read(again);
        assertSameLayout(before, after);
        Map<String, String> expected = new TreeMap<>(before.metadata());
        expected.remove("input.shape");
        expected.putAll(Map.of("convkit.format_version", "2", "convkit.crc32", ModelEnvelope.checksum(after.tensors()),
                "input.width", "28", "input.height", "28", "input.channels", "1", "training.data", after.metadata().get("training.data")));
        assertEquals(expected, new TreeMap<>(after.metadata()));
    }

    /** {@code eval --json} on the first 200 test images gives what was recorded, but for the time taken and the paths. */
    private static void assertSameEvaluation(String name, String kind, Path model, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of(kind, "eval", "-q", "-m", model.toString(), "--data", FASHION.toString(), "--split",
                "test", "--limit", "200", "-j", "1", "--json"));
        args.addAll(List.of(more));
        CliRun r = run(args.toArray(String[]::new));
        assertEquals(comparable(JSON.readTree(MODELS.resolve(name + ".eval.json").toFile())), comparable(JSON.readTree(r.out())));
    }

    private static CliRun run(String... args) {
        CliRun r = CliRun.run(args);
        assertEquals(0, r.exitCode(), r.stderr());
        return r;
    }

    private static Stream<Path> images() throws IOException {
        try (Stream<Path> s = Files.list(MODELS.resolve("images"))) {
            return s.sorted().toList().stream();
        }
    }

    /** Tab-separated lines with each path cut to its file name. */
    private static List<String> withFileNames(List<String> lines) {
        return lines.stream().map(l -> Path.of(l.substring(0, l.indexOf('\t'))).getFileName() + l.substring(l.indexOf('\t'))).toList();
    }

    private static JsonNode withFileNames(JsonNode predictions) {
        for (JsonNode p : (ArrayNode) predictions) {
            ((ObjectNode) p).put("path", Path.of(p.get("path").asText()).getFileName().toString());
        }
        return predictions;
    }

    private static JsonNode comparable(JsonNode eval) {
        ((ObjectNode) eval).remove(List.of("seconds", "model", "data"));
        return eval;
    }
}
