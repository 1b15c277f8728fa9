package org.convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run loads what its command needs and no more: {@code --version} and {@code filter} of a PNG load
 * no JSON library, no chart library, no progress bar and no ImageIO registry. Each case is a fresh JVM
 * (the in-process {@link CliRun} shares the classes of every earlier test) whose class loading is
 * logged; a negative control checks that the log does show a library that is loaded.
 */
class StartupClassesTest {
    private static final List<String> NOT_FOR_QUICK_COMMANDS = List.of(
            "com.fasterxml.jackson.", "org.knowm.xchart.", "me.tongfei.progressbar.", "org.jline.", "javax.imageio.ImageIO");
    private static final Pattern LOADED = Pattern.compile("\\] (\\S+) source: ");

    @TempDir
    Path tmp;

    @Test
    void versionLoadsNoLibraryItDoesNotUse() throws Exception {
        List<String> loaded = classesLoaded(Main.class, "--version");
        assertNoneOf(loaded);
        assertFalse(loaded.contains(org.convkit.cli.filter.KernelSpec.class.getName()), "no command is built for --version");
    }

    @Test
    void filterOfAPngLoadsNoLibraryItDoesNotUse() throws Exception {
        Path out = tmp.resolve("out");
        List<String> loaded = classesLoaded(Main.class, "filter", "-k", "box:3",
                CliRun.IMAGES.resolve("camera-crop.png").toString(), "-o", out.toString());
        assertTrue(Files.exists(out.resolve("camera-crop.png")), "the filter ran");
        assertNoneOf(loaded);
        assertFalse(loaded.contains(org.convkit.cli.cnn.TrainCommand.class.getName()), "only the filter command is built");
    }

    /** Help for the cnn commands builds every one of them, and none may load a library at construction. */
    @Test
    void cnnHelpLoadsNoLibraryItDoesNotUse() throws Exception {
        List<String> loaded = classesLoaded(Main.class, "cnn", "--help");
        assertTrue(loaded.contains(org.convkit.cli.cnn.PredictCommand.class.getName()), "the cnn commands are built");
        assertNoneOf(loaded);
    }

    /** The control: the same log, for a program that does use the JSON library, names it. */
    @Test
    void theLogShowsALibraryThatIsLoaded() throws Exception {
        List<String> loaded = classesLoaded(LoadsJson.class);
        assertTrue(loaded.contains("com.fasterxml.jackson.databind.ObjectMapper"), "ObjectMapper is logged");
    }

    private static void assertNoneOf(List<String> loaded) {
        for (String prefix : NOT_FOR_QUICK_COMMANDS) {
            List<String> hits = loaded.stream().filter(c -> c.startsWith(prefix)).limit(3).toList();
            assertEquals(List.of(), hits, prefix + " is not loaded");
        }
    }

    /** The names of the classes a fresh JVM loads running {@code main} with {@code args}. */
    private List<String> classesLoaded(Class<?> main, String... args) throws IOException, InterruptedException {
        Path log = tmp.resolve("classes-" + System.nanoTime() + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--add-modules", "jdk.incubator.vector",
                "-Xlog:disable", "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run ended");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("stderr")));
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = LOADED.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Loads the JSON library, for the control. */
    public static final class LoadsJson {
        public static void main(String[] args) {
            new com.fasterxml.jackson.databind.ObjectMapper();
        }
    }
}
