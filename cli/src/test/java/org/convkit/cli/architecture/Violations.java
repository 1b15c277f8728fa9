package org.convkit.cli.architecture;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convkit.filters.gemm.Gemm;
import picocli.CommandLine;

/** Breaks every rule of {@link ArchitectureTest} once, so that its negative control can see each rule fail. */
final class Violations {
    private Violations() {}

    static void printsToTheConsole() { System.out.println("a number"); }

    static byte[] readsAFile(Path p) throws IOException { return Files.readAllBytes(p); }

    static void opensAFileStream(String name) throws IOException {
        try (FileInputStream in = new FileInputStream(name)) {
            in.read();
        }
    }

    static int parsesOptions(Object command, String... args) { return new CommandLine(command).execute(args); }

    static void multipliesWeights(float[] a, float[] b, float[] c) {
        Gemm.sgemm(false, false, 1, 1, 1, a, 0, 1, b, 0, 1, 0f, c, 0, 1);
    }
}
