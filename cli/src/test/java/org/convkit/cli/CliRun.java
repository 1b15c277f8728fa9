package org.convkit.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs convkit in this process with captured streams, for end-to-end tests. */
public record CliRun(int exitCode, byte[] stdout, String stderr) {

    public static final Path TESTDATA = Path.of("..", "testdata").toAbsolutePath().normalize();
    public static final Path IMAGES = TESTDATA.resolve("images");

    public static CliRun run(String... args) { return withInput(new byte[0], args); }

    public static CliRun withInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new Streams(new ByteArrayInputStream(stdin), new PrintStream(out, true),
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
        return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    public String out() { return new String(stdout, StandardCharsets.UTF_8); }

    /** Standard error without the lines a JVM may add. */
    public String[] errLines() { return stderr.isBlank() ? new String[0] : stderr.strip().split("\n"); }
}
