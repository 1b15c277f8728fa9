package org.convkit.cli.cnn;

import static org.convkit.io.model.RawSafeTensors.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.convkit.cli.CliRun;
import org.convkit.io.model.ModelFormatException;
import org.convkit.io.model.RawSafeTensors;
import org.convkit.io.model.SafeTensors;
import org.convkit.cnn.nn.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CNN model files made to hurt: each is refused by {@code CnnModel.load} with a {@link ModelFormatException}
 * before anything it claims is allocated, and {@code cnn predict} prints one line naming the file, exit 1.
 */
class HostileCnnModelTest {
    static final String SPEC = "conv(8,3,pad=1) bn relu maxpool(2) flatten fc(10)";

    @TempDir
    static Path tmp;
    static Path good, image;

    @BeforeAll
    static void writeAModelAndAnImage() throws IOException {
        Network net = Network.build(SPEC, new int[] {1, 28, 28}, 10, 1);
        List<String> classes = IntStream.range(0, 10).mapToObj(i -> "c" + i).toList();
        good = tmp.resolve("good.safetensors");
        new CnnModel(net, new float[] {0.5f}, new float[] {0.25f}, classes, Map.of("seed", "1")).save(good);
        image = tmp.resolve("x.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", image.toFile());
    }

    /** {@code good} with metadata {@code key} set to {@code value} (null: removed), written as {@code name}. */
    static Path withMetadata(String name, String key, String value) throws IOException {
        return org.convkit.cli.model.ModelFiles.withMetadata(good, tmp.resolve(name), key, value);
    }

    /** Loading fails with the model format exception, and predict says so in one line naming the file. */
    static String refused(Path model) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> CnnModel.load(model));
        CliRun r = CliRun.run("cnn", "predict", "--model", model.toString(), image.toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().startsWith("convkit cnn predict: " + model + ": "), r.stderr());
        assertFalse(r.stderr().contains("internal error"), r.stderr());
        assertTrue(r.stderr().contains(e.getMessage()), r.stderr());
        return e.getMessage();
    }

    @Test
    void theGoodModelPredicts() {
        CliRun r = CliRun.run("cnn", "predict", "--model", good.toString(), image.toString());
        assertEquals(0, r.exitCode(), r.stderr());
    }

    @Test
    void anArchitectureLargerThanTheTensorsIsRefusedBeforeAllocating() throws IOException {
        // 20000 x 1 x 300 x 300 weights: gigabytes, in a file of a few kilobytes
        String m = refused(withMetadata("huge.safetensors", "arch", "conv(20000,300,pad=150) bn relu maxpool(2) flatten fc(10)"));
        assertTrue(m.contains("tensor '0.weight' is 8x1x3x3 in the file, the architecture makes it 20000x1x300x300"), m);
        m = refused(withMetadata("wide.safetensors", "arch", "conv(8,3,pad=1) bn relu maxpool(2) flatten fc(100000)"));
        assertTrue(m.contains("tensor '5.weight' is 10x1568 in the file, the architecture makes it 100000x1568"), m);
        m = refused(withMetadata("more.safetensors", "arch", SPEC + " relu fc(10)"));
        assertTrue(m.contains("the file has no tensor '7.weight' (10x10)"), m);
        m = refused(withMetadata("less.safetensors", "arch", "conv(8,3,pad=1) relu maxpool(2) flatten fc(10)"));
        assertTrue(m.contains("the file has no tensor '4.weight' (10x1568)"), m);
    }

    @Test
    void architecturesBeyondTheLimitsAreRefused() throws IOException {
        String m = refused(withMetadata("deep.safetensors", "arch", "relu ".repeat(20_000) + SPEC));
        assertTrue(m.contains("more than 10000 layers"), m);
        m = refused(withMetadata("pad.safetensors", "arch", "conv(8,3,pad=2147483647) bn relu maxpool(2) flatten fc(10)"));
        assertTrue(m.contains("at most 65536, got 2147483647"), m);
        m = refused(withMetadata("garbage.safetensors", "arch", "conv(8,3,pad=1) bn relu maxpool(2 flatten fc(10"));
        assertTrue(m.contains("is never closed"), m);
    }

    @Test
    void inputShapeAndClassesAreBoundedAndChecked() throws IOException {
        // a network ending in global pooling takes any input size: the size itself is bounded
        Network gap = Network.build("conv(8,3,pad=1) gap flatten fc(10)", new int[] {1, 28, 28}, 10, 1);
        Path gapModel = tmp.resolve("gap.safetensors");
        new CnnModel(gap, new float[] {0}, new float[] {1}, IntStream.range(0, 10).mapToObj(i -> "c" + i).toList(), Map.of()).save(gapModel);
        SafeTensors.Contents c = SafeTensors.read(gapModel);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.put("input.shape", "1x20000x20000");
        Path big = tmp.resolve("big-input.safetensors");
        SafeTensors.write(big, c.tensors(), meta);
        assertTrue(refused(big).contains("values per sample"), refused(big));
        meta.put("input.shape", "1x99999999999x1");
        SafeTensors.write(big, c.tensors(), meta);
        assertTrue(refused(big).contains("input shape '1x99999999999x1' is not CxHxW"));

        assertTrue(refused(withMetadata("shape.safetensors", "input.shape", "1x28")).contains("is not CxHxW"));
        assertTrue(refused(withMetadata("nine.safetensors", "classes", "[\"a\",\"b\"]")).contains("ends with 10 outputs but there are 2 classes"));
        assertTrue(refused(withMetadata("none.safetensors", "classes", "[]")).contains("'classes' is not a list of names"));
        assertTrue(refused(withMetadata("nulls.safetensors", "classes", "null")).contains("'classes' is not a list of names"));
        assertTrue(refused(withMetadata("std.safetensors", "normalization.std", "[0]")).contains("must be positive"));
        assertTrue(refused(withMetadata("mean.safetensors", "normalization.mean", "[0, 1]")).contains("one mean and std per input channel"));
        assertTrue(refused(withMetadata("version.safetensors", "convkit.format_version", "99999999999")).contains("is not a number"));
        assertTrue(refused(withMetadata("noarch.safetensors", "arch", null)).contains("no metadata entry 'arch'"));
    }

    @Test
    void tensorsThatDoNotFitTheEngineAreFormatErrors() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(good);
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>(c.tensors());
        tensors.put("9.extra", new SafeTensors.Tensor(SafeTensors.DType.F32, new long[] {0, 3_000_000_000L}, new byte[0]));
        Path extra = tmp.resolve("extra.safetensors");
        SafeTensors.write(extra, tensors, c.metadata());
        assertTrue(refused(extra).contains("tensor '9.extra' has a dimension of 3000000000"));
    }

    @Test
    void damagedContainersAreOneLine() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(tmp.resolve("cut.safetensors"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertTrue(refused(cut).contains("truncated"));
        Path empty = Files.write(tmp.resolve("empty.safetensors"), new byte[0]);
        assertTrue(refused(empty).contains("too short"));
        Path overlap = RawSafeTensors.write(tmp.resolve("overlap.safetensors"),
                "{" + entry("0.weight", "F32", "2", 0, 8) + "," + entry("0.bias", "F32", "2", 0, 8) + "}", new byte[8]);
        assertTrue(refused(overlap).contains("overlaps"));
    }
}
