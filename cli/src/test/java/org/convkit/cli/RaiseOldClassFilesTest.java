package org.convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The build step src/build/java/RaiseOldClassFiles.java, on picocli's own jar (Java 5 class files):
 * every class comes out in version 52, and the JVM's verifier, which takes no old-format fallback for
 * version 52, accepts and initialises each of them.
 */
class RaiseOldClassFilesTest {
    @TempDir
    Path tmp;

    @Test
    void picocliIsRaisedToJava8AndStillVerifies() throws Exception {
        Path jar = tmp.resolve("picocli.jar");
        Files.copy(Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI()), jar);
        List<Integer> before = versions(jar);
        assertTrue(before.stream().allMatch(v -> v < 50), "picocli ships Java 5 class files");

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path report = tmp.resolve("report.txt");
        Process p = new ProcessBuilder(java.toString(), Path.of("src", "build", "java", "RaiseOldClassFiles.java").toString(),
                jar.toString(), report.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the step ended");
        String log = Files.readString(tmp.resolve("log"));
        assertEquals(0, p.exitValue(), log);
        assertEquals("", log, "nothing on standard output or error");
        String summary = Files.readString(report);
        assertEquals(before.size() + " class files of picocli.jar raised to version 52\n", summary);
        assertTrue(versions(jar).stream().allMatch(v -> v == 52), "every class file is version 52");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            for (String name : classNames(jar)) {
                Class.forName(name, true, loader); // links (verifies) and initialises
            }
        }
    }

    private static List<Integer> versions(Path jar) throws IOException {
        List<Integer> out = new ArrayList<>();
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of());
             Stream<Path> s = Files.walk(fs.getPath("/"))) {
            for (Path c : s.filter(RaiseOldClassFilesTest::isClass).toList()) {
                byte[] b = Files.readAllBytes(c);
                out.add(((b[6] & 0xff) << 8) | (b[7] & 0xff));
            }
        }
        return out;
    }

    private static List<String> classNames(Path jar) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of());
             Stream<Path> s = Files.walk(fs.getPath("/"))) {
            return s.filter(RaiseOldClassFilesTest::isClass)
                    .map(c -> c.toString().substring(1, c.toString().length() - ".class".length()).replace('/', '.')).toList();
        }
    }

    private static boolean isClass(Path p) {
        return p.toString().endsWith(".class") && !p.startsWith("/META-INF/");
    }
}
