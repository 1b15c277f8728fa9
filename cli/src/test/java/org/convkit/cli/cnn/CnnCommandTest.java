package org.convkit.cli.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.convkit.cli.CliRun;
import org.convkit.io.model.SafeTensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convkit cnn} end to end, in process, on the Fashion-MNIST sample: train, eval, predict, summary,
 * the model file's layout, bit-identical repeats, --resume equal to an uninterrupted run, and bad inputs
 * giving one line and the project's exit codes (1 failure, 2 usage).
 */
class CnnCommandTest {
    static final Path FASHION = CliRun.TESTDATA.resolve("fashion-mnist-sample");
    static final String TINY = "conv(8,3,pad=1) bn relu maxpool(2) flatten dropout(0.2) fc(10)";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path model;

    /** Trains the tiny net on 512 sample images for 2 epochs on one thread; {@code extra} options added or replacing these. */
    static CliRun train(Path out, String... extra) {
        Map<String, String> defaults = new java.util.LinkedHashMap<>(Map.of("--arch", TINY, "--data", FASHION.toString(), "--limit", "512",
                "--epochs", "2", "--batch", "32", "--threads", "1", "--seed", "7"));
        List<String> given = List.of(extra);
        List<String> args = new ArrayList<>(List.of("cnn", "train", "-o", out.toString()));
        defaults.forEach((k, v) -> {
            if (!given.contains(k)) {
                args.add(k);
                args.add(v);
            }
        });
        args.addAll(given);
        return CliRun.run(args.toArray(String[]::new));
    }

    @BeforeAll
    static void trainOnce() {
        model = tmp.resolve("tiny.safetensors");
        CliRun r = train(model, "--val", "0.25", "--log", tmp.resolve("run.csv").toString(), "--plot", tmp.resolve("curves.png").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("epoch 2/2  train loss"), r.stderr());
        assertTrue(r.stderr().contains("val acc"), r.stderr());
    }

    @Test
    void modelFileHasPyTorchNamesAndMetadata() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(model);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
                "6.weight", "6.bias"), List.copyOf(c.tensors().keySet()));
        assertEquals(SafeTensors.DType.I64, c.tensors().get("1.num_batches_tracked").dtype());
        assertEquals(0, c.tensors().get("1.num_batches_tracked").shape().length);
        assertEquals(2 * 12, c.tensors().get("1.num_batches_tracked").longs()[0], "2 epochs of 384/32 batches");
        assertEquals(List.of(8L, 1L, 3L, 3L), java.util.Arrays.stream(c.tensors().get("0.weight").shape()).boxed().toList());
        Map<String, String> m = c.metadata();
        assertEquals("convkit-cnn", m.get("convkit.format"));
        assertEquals("1", m.get("convkit.format_version"));
        assertEquals("1x28x28", m.get("input.shape"));
        assertEquals(TINY, m.get("arch"));
        assertEquals(10, JSON.readTree(m.get("classes")).size());
        double mean = JSON.readTree(m.get("normalization.mean")).get(0).asDouble();
        assertTrue(mean > 0.2 && mean < 0.4, "Fashion-MNIST's mean is about 0.29: " + mean);
        List<String> log = Files.readAllLines(tmp.resolve("run.csv"));
        assertEquals(3, log.size());
        assertEquals(TrainingLog.HEADER, log.get(0));
        assertTrue(Files.size(tmp.resolve("curves.png")) > 1000);
    }

    @Test
    void evalPrintsAccuracyFirstThenTop5AndJsonParses() throws IOException {
        Path png = tmp.resolve("confusion.png");
        CliRun r = CliRun.run("cnn", "eval", "--model", model.toString(), "--data", FASHION.toString(), "--limit", "300", "-q",
                "--confusion", png.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("accuracy: 0\\.\\d{4}"), lines.get(0));
        assertTrue(lines.get(1).matches("top-5 accuracy: 0\\.\\d{4}"), lines.get(1));
        double acc = Double.parseDouble(lines.get(0).substring(10));
        assertTrue(acc > 0.4, "a net trained on 384 images for 2 epochs should beat chance (0.1) clearly: " + acc);
        assertTrue(r.out().contains("confusion matrix"));
        assertTrue(Files.size(png) > 1000);

        CliRun j = CliRun.run("cnn", "eval", "--model", model.toString(), "--data", FASHION.toString(), "--limit", "300", "-q", "--json");
        assertEquals(0, j.exitCode(), j.stderr());
        JsonNode o = JSON.readTree(j.out());
        assertEquals(acc, o.get("accuracy").asDouble(), 1e-4);
        assertEquals(300, o.get("samples").asInt());
        assertTrue(o.get("top_k").get("5").asDouble() >= acc);
        assertEquals(10, o.get("confusion").size());
    }

    @Test
    void predictPrintsPathClassProbabilityInEveryFormat() throws IOException {
        CliRun r = CliRun.run("cnn", "predict", "--model", model.toString(), "--data", FASHION.toString(), "--limit", "4", "--top", "2");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.out().lines().toList();
        assertEquals(8, lines.size());
        for (String l : lines) {
            String[] f = l.split("\t");
            assertEquals(3, f.length, l);
            assertTrue(f[0].startsWith("t10k-images-idx3-ubyte.gz#"), l);
            float p = Float.parseFloat(f[2]);
            assertTrue(p >= 0 && p <= 1, l);
        }
        CliRun csv = CliRun.run("cnn", "predict", "--model", model.toString(), "--data", FASHION.toString(), "--limit", "4", "--format", "csv");
        assertEquals("path,class,probability", csv.out().lines().findFirst().orElseThrow());
        assertEquals(5, csv.out().lines().count());

        Path img = tmp.resolve("shirt-64.png"); // a 64x64 RGB image: converted and resized, with a warning
        BufferedImage b = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 16; y < 48; y++) {
            for (int x = 12; x < 52; x++) {
                b.setRGB(x, y, 0xC0C0C0);
            }
        }
        ImageIO.write(b, "png", img.toFile());
        CliRun j = CliRun.run("cnn", "predict", "--model", model.toString(), "--format", "json", "--logits", "--top", "3", img.toString());
        assertEquals(0, j.exitCode(), j.stderr());
        assertTrue(j.stderr().contains("RGB converted to gray; resized from 64x64 to 28x28"), j.stderr());
        JsonNode a = JSON.readTree(j.out());
        assertEquals(1, a.size());
        assertEquals(img.toString(), a.get(0).get("path").asText());
        assertEquals(3, a.get(0).get("top").size());
        assertEquals(10, a.get(0).get("logits").size());
        double sum = 0;
        for (JsonNode t : a.get(0).get("top")) {
            sum += t.get("probability").asDouble();
        }
        assertTrue(sum > 0 && sum <= 1.0001);
    }

    @Test
    void sameSeedAndOneThreadGiveBitIdenticalModelFiles() throws IOException {
        Path a = tmp.resolve("a.safetensors"), b = tmp.resolve("b.safetensors"), c = tmp.resolve("c.safetensors");
        CliRun r = train(a, "-q", "--augment", "flip,crop");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(0, train(b, "-q", "--augment", "flip,crop").exitCode());
        assertEquals(-1, Files.mismatch(a, b), "two runs with the same seed differ");
        assertEquals(0, train(c, "-q", "--augment", "flip,crop", "--seed", "8").exitCode());
        assertNotEquals(-1, Files.mismatch(a, c), "the seed changes nothing");
    }

    @Test
    void resumeAfterAKillEqualsAnUninterruptedRun() throws IOException {
        Path full = tmp.resolve("full.safetensors"), ck = tmp.resolve("ckpt"), resumed = tmp.resolve("resumed.safetensors");
        String[] opts = {"-q", "--epochs", "3", "--optimizer", "adamw", "--lr", "0.003", "--augment", "flip,translate", "--val", "0.2",
                "--early-stop", "5", "--checkpoint-dir", ck.toString()};
        CliRun first = train(full, opts);
        assertEquals(0, first.exitCode(), first.stderr());
        assertTrue(Files.exists(ck.resolve("epoch-003.state.safetensors")));
        // as if killed during epoch 2: the last complete checkpoint is epoch 1's (a half-written state file is ignored)
        Files.delete(ck.resolve("epoch-003.state.safetensors"));
        Files.delete(ck.resolve("epoch-002.state.safetensors"));
        Files.delete(ck.resolve("epoch-003.safetensors"));
        List<String> args = new ArrayList<>(List.of(opts));
        args.add("--resume");
        args.remove("-q");
        CliRun r = train(resumed, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("resumed from") && r.stderr().contains("after epoch 1"), r.stderr());
        assertTrue(!r.stderr().contains("epoch 1/3  train"), "epoch 1 is not trained again: " + r.stderr());
        assertEquals(-1, Files.mismatch(full, resumed), "resumed model differs from the uninterrupted one");

        CliRun other = train(tmp.resolve("other.safetensors"), "-q", "--epochs", "3", "--lr", "0.01", "--checkpoint-dir", ck.toString(), "--resume");
        assertEquals(1, other.exitCode());
        assertTrue(other.stderr().contains("resume with the same options"), other.stderr());
    }

    /** The tensors of a model file as float arrays by name. */
    private static Map<String, List<Float>> weights(Path file) throws IOException {
        Map<String, List<Float>> out = new java.util.TreeMap<>();
        SafeTensors.read(file).tensors().forEach((k, t) -> {
            List<Float> v = new ArrayList<>();
            for (float f : t.floats()) {
                v.add(f);
            }
            out.put(k, v);
        });
        return out;
    }

    @Test
    void earlyStopKeepsTheBestEpochSaysSoAndResumes() throws IOException {
        // a learning rate too small to change any prediction: validation accuracy stays where epoch 1 left it
        Path out = tmp.resolve("early.safetensors"), ck = tmp.resolve("early-ckpt"), csv = tmp.resolve("early.csv");
        String[] opts = {"--arch", "conv(4,3) relu flatten fc(10)", "--limit", "256", "--epochs", "4", "--val", "0.25", "--lr", "1e-7",
                "--schedule", "none", "--early-stop", "2", "--checkpoint-dir", ck.toString(), "--log", csv.toString()};
        CliRun r = train(out, opts);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("convkit: early stop after epoch 3: validation accuracy has not improved on "), r.stderr());
        assertTrue(r.stderr().contains("(epoch 1) for 2 epochs"), r.stderr());
        assertTrue(r.stderr().contains("convkit: the model holds the weights of epoch 1, the best on validation"), r.stderr());
        assertTrue(!r.stderr().contains("epoch 4/4"), "epoch 4 is not trained: " + r.stderr());

        List<String> log = Files.readAllLines(csv);
        assertEquals(List.of(TrainingLog.HEADER + ",early_stop"), log.subList(0, 1));
        assertEquals(4, log.size(), log.toString());
        assertTrue(log.get(1).endsWith(",best") && log.get(2).endsWith(",") && log.get(3).endsWith(",stop"), log.toString());

        Map<String, String> m = SafeTensors.read(out).metadata();
        assertEquals("2", m.get("training.early_stop.patience"));
        assertEquals("1", m.get("training.early_stop.best_epoch"));
        assertEquals("3", m.get("training.early_stop.stopped_after_epoch"));
        assertEquals(weights(ck.resolve("epoch-001.safetensors")), weights(out), "the model holds epoch 1's weights");
        assertNotEquals(weights(ck.resolve("epoch-003.safetensors")), weights(out), "not the last epoch's");

        // killed during epoch 3: the resumed run takes epoch 1's weights from its checkpoint and ends the same
        Files.delete(ck.resolve("epoch-003.state.safetensors"));
        Files.delete(ck.resolve("epoch-003.safetensors"));
        List<String> args = new ArrayList<>(List.of(opts));
        args.add("--resume");
        Path resumed = tmp.resolve("early-resumed.safetensors");
        CliRun again = train(resumed, args.toArray(String[]::new));
        assertEquals(0, again.exitCode(), again.stderr());
        assertTrue(again.stderr().contains("after epoch 2"), again.stderr());
        assertEquals(-1, Files.mismatch(out, resumed), "resumed early stop differs from the uninterrupted one");

        // without the best epoch's checkpoint the resumed run cannot keep its weights, and says so
        Files.delete(ck.resolve("epoch-003.state.safetensors"));
        Files.delete(ck.resolve("epoch-001.safetensors"));
        CliRun lost = train(tmp.resolve("early-lost.safetensors"), args.toArray(String[]::new));
        assertEquals(1, lost.exitCode(), lost.stderr());
        assertTrue(lost.stderr().contains("epoch-001.safetensors: cannot read the weights of epoch 1, the best so far"), lost.stderr());
    }

    @Test
    void hugeLearningRateStopsWithEpochBatchAndHint() {
        CliRun r = train(tmp.resolve("nan.safetensors"), "--lr", "1e9", "--schedule", "none", "-q");
        assertEquals(1, r.exitCode(), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().matches("(?s).*training diverged: the loss is \\S+ at epoch 1, batch \\d+ of 16 \\(learning rate 1e\\+09\\); try a smaller --lr.*"),
                r.stderr());
        assertTrue(!Files.exists(tmp.resolve("nan.safetensors")));
    }

    @Test
    void truncatedAndForeignModelFilesAreOneClearLine() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        Path cut = tmp.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        CliRun r = CliRun.run("cnn", "eval", "--model", cut.toString(), "--data", FASHION.toString());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().contains(cut + ": model file is truncated"), r.stderr());

        Path foreign = tmp.resolve("foreign.safetensors");
        SafeTensors.write(foreign, Map.of("w", SafeTensors.Tensor.ofFloats(new float[] {1, 2}, 2)), Map.of());
        r = CliRun.run("cnn", "predict", "--model", foreign.toString(), "x.png");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("not a convkit CNN model"), r.stderr());

        Path png = tmp.resolve("image.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        r = CliRun.run("cnn", "eval", "--model", png.toString(), "--data", FASHION.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains(png + ": not a safetensors model file"), r.stderr());

        Path other = tmp.resolve("other-format.safetensors");
        SafeTensors.write(other, Map.of("w", SafeTensors.Tensor.ofFloats(new float[] {1}, 1)), Map.of("convkit.format", "convkit-baseline"));
        r = CliRun.run("cnn", "eval", "--model", other.toString(), "--data", FASHION.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("a convkit 'convkit-baseline' model, not a CNN"), r.stderr());
    }

    /** An image folder of {@code classes} classes with one {@code size x size} image each. */
    private static Path folder(String name, int classes, int size, int type) throws IOException {
        Path root = tmp.resolve(name);
        for (int c = 0; c < classes; c++) {
            Path d = Files.createDirectories(root.resolve("class" + c));
            ImageIO.write(new BufferedImage(size, size, type), "png", d.resolve("a.png").toFile());
        }
        return root;
    }

    @Test
    void dataThatDoesNotFitTheModelIsOneClearLine() throws IOException {
        Path rgb = folder("rgb32", 10, 32, BufferedImage.TYPE_INT_RGB);
        CliRun r = CliRun.run("cnn", "eval", "--model", model.toString(), "--data", rgb.toString());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().contains(": 3x32x32 images, but " + model + " takes 1x28x28 (CxHxW)"), r.stderr());

        Path three = folder("three", 3, 28, BufferedImage.TYPE_BYTE_GRAY);
        r = CliRun.run("cnn", "eval", "--model", model.toString(), "--data", three.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains(": 3 classes, but " + model + " has 10"), r.stderr());

        r = train(tmp.resolve("fc5.safetensors"), "--arch", "conv(4,3) relu flatten fc(5)");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("architecture ends with 5 outputs but there are 10 classes"), r.stderr());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, train(tmp.resolve("u.safetensors"), "--optimizer", "rmsprop").exitCode());
        assertEquals(2, train(tmp.resolve("u.safetensors"), "--augment", "rotate").exitCode());
        assertEquals(2, train(tmp.resolve("u.safetensors"), "--early-stop", "2").exitCode(), "early stop needs validation");
        assertEquals(2, CliRun.run("cnn", "summary", "--arch", "conv(8,3) wobble").exitCode());
        assertEquals(2, CliRun.run("cnn", "predict", "--model", model.toString()).exitCode());
        CliRun r = train(model, "-q");
        assertEquals(1, r.exitCode(), "refuses to clobber");
        assertTrue(r.stderr().contains("exists; --overwrite replaces it"));
    }

    @Test
    void summaryListsShapesAndParameterCounts() {
        CliRun r = CliRun.run("cnn", "summary", "--arch", "lenet5", "--input", "1x28x28");
        assertEquals(0, r.exitCode(), r.stderr());
        String out = r.out();
        assertTrue(out.contains("Conv2d(1, 6, kernel_size=5") && out.contains("6x28x28") && out.contains("16x5x5"), out);
        assertTrue(out.contains("total parameters: 61,706"), out); // LeNet-5 with a padded 28x28 input, as torchinfo counts it
    }
}
