package org.convkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that reads files, run over the corpus of hostile files in {@code testdata/hostile}
 * (written by its {@code make_hostile.py}, listed in its {@code manifest.tsv}): damaged, truncated,
 * lying and oversized images, data sets and model files. Each run must end as the README promises:
 * the documented exit code, the file named on standard error with a reason, no "internal error" and
 * no stack trace, and memory bounded by what the file holds, not what it claims (the bytes the run
 * allocates are counted). No corpus file may change.
 */
class HostileCorpusTest {
    static final Path CORPUS = CliRun.TESTDATA.resolve("hostile");
    static final Path FASHION = CliRun.TESTDATA.resolve("fashion-mnist-sample");
    /** Far above what a command needs for one of the corpus's small files, far below what its bombs claim. */
    static final long ALLOCATION_BOUND = 400L << 20;
    /** The same for a data set of a dozen images, which a training command also trains on. */
    static final long DATA_SET_ALLOCATION_BOUND = 1L << 30;

    record Case(Path path, String kind, String what) {
        String name() { return path.getFileName().toString(); }
    }

    @TempDir
    static Path work;
    static Path cnnModel;
    static Path baselineModel;
    static Map<Path, byte[]> digestsBefore;

    @BeforeAll
    static void trainControlModelsAndFingerprintTheCorpus() throws IOException {
        digestsBefore = digests();
        cnnModel = work.resolve("control-cnn.safetensors");
        succeed(CliRun.run("cnn", "train", "-q", "--arch", "flatten fc(10)", "--data", FASHION.toString(), "--limit", "200",
                "--epochs", "1", "-o", cnnModel.toString()));
        baselineModel = work.resolve("control-baseline.safetensors");
        succeed(CliRun.run("baseline", "train", "-q", "--features", "pixels", "--data", FASHION.toString(), "--limit", "200",
                "-o", baselineModel.toString()));
    }

    @AfterAll
    static void noCorpusFileChanged() throws IOException {
        Map<Path, byte[]> after = digests();
        assertEquals(digestsBefore.keySet(), after.keySet(), "files appeared in or vanished from the corpus");
        digestsBefore.forEach((p, d) -> assertArrayEquals(d, after.get(p), "changed: " + p));
    }

    static List<Case> cases(String kind) {
        try (Stream<String> lines = Files.lines(CORPUS.resolve("manifest.tsv"))) {
            return lines.skip(1).map(l -> l.split("\t")).filter(f -> f[1].equals(kind))
                    .map(f -> new Case(CORPUS.resolve(f[0]), f[1], f[2])).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The data-set folders of one kind in the manifest (datasets/NAME), each once. */
    static List<Case> dataSets(String kind) {
        return cases(kind).stream().map(c -> CORPUS.resolve(CORPUS.relativize(c.path()).subpath(0, 2))).distinct()
                .map(dir -> new Case(dir, kind, "the data set " + dir.getFileName())).toList();
    }

    @Test
    void theManifestListsEveryCorpusFileAndEachKindIsThere() throws IOException {
        List<String> listed;
        try (Stream<String> lines = Files.lines(CORPUS.resolve("manifest.tsv"))) {
            listed = lines.skip(1).map(l -> l.split("\t")[0]).sorted().toList();
        }
        List<String> present;
        try (Stream<Path> s = Files.walk(CORPUS)) {
            present = s.filter(Files::isRegularFile).map(p -> CORPUS.relativize(p).toString())
                    .filter(p -> p.contains("/") && !p.startsWith("seeds/")).sorted().toList();
        }
        assertEquals(present, listed);
        for (String kind : List.of("image", "image-ok", "idx", "cifar", "folder", "model", "model-cnn-ok")) {
            assertFalse(cases(kind).isEmpty(), kind);
        }
    }

    // ---------------------------------------------------------------- images

    /** The commands that read single images, each as a function of the image and a fresh output folder. */
    static final Map<String, Function<Path[], String[]>> IMAGE_COMMANDS = new TreeMap<>(Map.of(
            "filter", a -> new String[] {"filter", "-q", "-k", "box:3", a[0].toString(), "-o", a[1].resolve("out").toString()},
            "hog", a -> new String[] {"hog", "-q", a[0].toString(), "-o", a[1].resolve("hog.txt").toString()},
            "gist", a -> new String[] {"gist", "-q", a[0].toString(), "-o", a[1].resolve("gist.txt").toString()},
            "cnn predict", a -> new String[] {"cnn", "predict", "-q", "-m", cnnModel.toString(), a[0].toString()},
            "baseline predict", a -> new String[] {"baseline", "predict", "-q", "-m", baselineModel.toString(), a[0].toString()}));

    @TestFactory
    Stream<DynamicTest> everyImageCommandRefusesEachHostileImageInOneLine() {
        return cases("image").stream().flatMap(c -> IMAGE_COMMANDS.entrySet().stream().map(cmd ->
                DynamicTest.dynamicTest(cmd.getKey() + " " + c.name() + " (" + c.what() + ")", () -> {
                    Path out = Files.createTempDirectory(work, "out");
                    Measured m = measured(cmd.getValue().apply(new Path[] {c.path(), out}));
                    assertFailedCleanly(m, 1, c.name());
                    assertEquals(1, linesNaming(m.run, c.name()), "one line names the file:\n" + m.run.stderr());
                    assertTrue(noFiles(out.resolve("out")), "nothing written for a refused image");
                })));
    }

    @TestFactory
    Stream<DynamicTest> everyImageCommandAcceptsTheControlImage() {
        return cases("image-ok").stream().flatMap(c -> IMAGE_COMMANDS.entrySet().stream().map(cmd ->
                DynamicTest.dynamicTest(cmd.getKey() + " " + c.name(), () -> {
                    Path out = Files.createTempDirectory(work, "out");
                    Measured m = measured(cmd.getValue().apply(new Path[] {c.path(), out}));
                    assertEquals(0, m.run.exitCode(), m.run.stderr());
                })));
    }

    /** Inputs that are not files: a device that never ends, a folder given where an image is expected. */
    @TestFactory
    Stream<DynamicTest> everyImageCommandRefusesADeviceOrAFolderInOneLine() {
        return Stream.of(Path.of("/dev/zero"), CORPUS.resolve("images")).filter(Files::exists)
                .flatMap(input -> IMAGE_COMMANDS.entrySet().stream()
                        .filter(cmd -> !(cmd.getKey().equals("filter") && Files.isDirectory(input))) // filter walks folders
                        .map(cmd -> DynamicTest.dynamicTest(cmd.getKey() + " " + input, () -> {
                            Path out = Files.createTempDirectory(work, "out");
                            Measured m = measured(cmd.getValue().apply(new Path[] {input, out}));
                            assertFailedCleanly(m, 1, input.getFileName().toString());
                        })));
    }

    // ---------------------------------------------------------------- data sets

    /** The commands that read a whole labelled data set. */
    static final Map<String, Function<Path[], String[]>> DATA_SET_COMMANDS = new TreeMap<>(Map.of(
            "features", a -> new String[] {"features", "-q", "--type", "pixels", "--data", a[0].toString(),
                    "-o", a[1].resolve("f.npy").toString()},
            "cnn train", a -> new String[] {"cnn", "train", "-q", "--arch", "lenet5", "--epochs", "1", "--data", a[0].toString(),
                    "-o", a[1].resolve("m.safetensors").toString()},
            "baseline train", a -> new String[] {"baseline", "train", "-q", "--features", "pixels", "--data", a[0].toString(),
                    "-o", a[1].resolve("b.safetensors").toString()},
            "cnn eval", a -> new String[] {"cnn", "eval", "-q", "-m", cnnModel.toString(), "--split", "train", "--data", a[0].toString()},
            "baseline eval", a -> new String[] {"baseline", "eval", "-q", "-m", baselineModel.toString(), "--split", "train",
                    "--data", a[0].toString()},
            "compare", a -> new String[] {"compare", "-q", "--pipelines", "pixels", "--data", a[0].toString(),
                    "-o", a[1].resolve("report").toString()}));

    @TestFactory
    Stream<DynamicTest> everyDataSetCommandRefusesEachDamagedDataSetInOneLine() {
        List<Case> broken = new ArrayList<>(dataSets("idx"));
        broken.addAll(dataSets("cifar"));
        return broken.stream().flatMap(c -> DATA_SET_COMMANDS.entrySet().stream().map(cmd ->
                DynamicTest.dynamicTest(cmd.getKey() + " " + c.name(), () -> {
                    Path out = Files.createTempDirectory(work, "out");
                    Measured m = measured(cmd.getValue().apply(new Path[] {c.path(), out}));
                    assertFailedCleanly(m, 1, c.name(), DATA_SET_ALLOCATION_BOUND);
                    try (Stream<Path> s = Files.list(out)) {
                        assertEquals(0, s.count(), "nothing written for a refused data set");
                    }
                })));
    }

    /**
     * A class-folder tree whose first image and two others are damaged: each is named once and
     * skipped, the rest is used, and the exit code says that inputs failed.
     */
    @TestFactory
    Stream<DynamicTest> damagedImagesOfADataSetAreSkippedOneLineEach() {
        Path tree = dataSets("folder").getFirst().path();
        List<String> damaged = List.of("a/00.png", "b/03.png", "b/04.png");
        return DATA_SET_COMMANDS.entrySet().stream()
                // the control models take other classes and sizes, and compare needs a test split
                .filter(cmd -> !cmd.getKey().endsWith("eval") && !cmd.getKey().equals("compare"))
                .map(cmd -> DynamicTest.dynamicTest(cmd.getKey(), () -> {
                    Path out = Files.createTempDirectory(work, "out");
                    Measured m = measured(cmd.getValue().apply(new Path[] {tree, out}));
                    assertFailedCleanly(m, 1, "00.png", DATA_SET_ALLOCATION_BOUND);
                    for (String d : damaged) {
                        assertEquals(1, linesNaming(m.run, d), d + " named once:\n" + m.run.stderr());
                    }
                    try (Stream<Path> s = Files.list(out)) {
                        assertEquals(1, s.count(), "the output of the 9 good images is written:\n" + m.run.stderr());
                    }
                }));
    }

    // ---------------------------------------------------------------- model files

    static final Map<String, Function<Path, String[]>> MODEL_COMMANDS = new TreeMap<>(Map.of(
            "cnn predict", model -> new String[] {"cnn", "predict", "-q", "-m", model.toString(), image("ok-32x32.png")},
            "cnn eval", model -> new String[] {"cnn", "eval", "-q", "-m", model.toString(), "--data", FASHION.toString(), "--limit", "20"},
            "baseline predict", model -> new String[] {"baseline", "predict", "-q", "-m", model.toString(), image("ok-32x32.png")},
            "baseline eval", model -> new String[] {"baseline", "eval", "-q", "-m", model.toString(), "--data", FASHION.toString(),
                    "--limit", "20"}));

    static String image(String name) { return CORPUS.resolve("images").resolve(name).toString(); }

    @TestFactory
    Stream<DynamicTest> everyModelCommandRefusesEachHostileModelInOneLine() {
        return cases("model").stream().flatMap(c -> MODEL_COMMANDS.entrySet().stream().map(cmd ->
                DynamicTest.dynamicTest(cmd.getKey() + " " + c.name() + " (" + c.what() + ")", () -> {
                    Measured m = measured(cmd.getValue().apply(c.path()));
                    assertFailedCleanly(m, 1, c.name());
                })));
    }

    @Test
    void theControlCnnModelOfTheCorpusLoads() {
        CliRun r = CliRun.run(MODEL_COMMANDS.get("cnn predict").apply(cases("model-cnn-ok").getFirst().path()));
        assertEquals(0, r.exitCode(), r.stderr());
    }

    // ---------------------------------------------------------------- options that would allocate or read without end

    @TestFactory
    Stream<DynamicTest> kernelOptionsAreBoundedBeforeAnythingIsAllocated() {
        return Stream.of("box:1000000000", "box:size=2147483647", "median:65537", "gaussian:sigma=1e9", "gaussian:sigma=1e300",
                        "custom:@/dev/zero", "laplacian:ksize=1000001")
                .map(spec -> DynamicTest.dynamicTest(spec, () -> {
                    Path out = Files.createTempDirectory(work, "out");
                    Measured m = measured("filter", "-q", "-k", spec, image("ok-32x32.png"), "-o", out.toString());
                    assertFailedCleanly(m, ExitCodes.USAGE, "-k");
                    assertTrue(noFiles(out), "nothing written");
                }));
    }

    // ---------------------------------------------------------------- helpers

    record Measured(CliRun run, long allocated) {}

    static Measured measured(String... args) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getTotalThreadAllocatedBytes();
        CliRun r = CliRun.run(args);
        return new Measured(r, threads.getTotalThreadAllocatedBytes() - before);
    }

    static void assertFailedCleanly(Measured m, int exitCode, String named) {
        assertFailedCleanly(m, exitCode, named, ALLOCATION_BOUND);
    }

    static void assertFailedCleanly(Measured m, int exitCode, String named, long allocationBound) {
        String err = m.run.stderr();
        assertEquals(exitCode, m.run.exitCode(), err);
        assertTrue(err.contains(named), "the message names " + named + ":\n" + err);
        for (String bad : List.of("internal error", "Exception", "\tat ", "heap space", "OutOfMemory")) {
            assertFalse(err.contains(bad), "'" + bad + "' in:\n" + err);
        }
        assertTrue(m.allocated < allocationBound, "allocated " + (m.allocated >> 20) + " MB:\n" + err);
    }

    static long linesNaming(CliRun r, String name) {
        return Arrays.stream(r.errLines()).filter(l -> l.contains(name)).count();
    }

    static boolean noFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.noneMatch(Files::isRegularFile);
        }
    }

    static void succeed(CliRun r) {
        assertEquals(0, r.exitCode(), r.stderr());
    }

    static Map<Path, byte[]> digests() throws IOException {
        Map<Path, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(CORPUS)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(p, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
