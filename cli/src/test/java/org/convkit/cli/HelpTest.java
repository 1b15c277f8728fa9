package org.convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command, at every level, answers -h and --help with its usage on standard output and exit 0. */
class HelpTest {

    static Stream<String> commands() {
        List<String> names = new ArrayList<>();
        collect(Main.commandLine(Streams.system()), "", names);
        return names.stream();
    }

    private static void collect(CommandLine cl, String prefix, List<String> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            String path = (prefix + " " + e.getKey()).strip();
            out.add(path);
            collect(e.getValue(), path, out);
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasHelp(String command) {
        for (String flag : new String[] {"--help", "-h"}) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add(flag);
            CliRun r = CliRun.run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), command + " " + flag + ": " + r.stderr());
            assertTrue(r.out().startsWith("Usage: convkit " + command), command + " " + flag + ": " + r.out());
        }
    }

    /** {@code convkit help COMMAND [SUBCOMMAND]}, at every depth (picocli's own help command takes one level). */
    @ParameterizedTest
    @MethodSource("commands")
    void helpCommandShowsTheSameUsage(String command) {
        List<String> args = new ArrayList<>(List.of("help"));
        args.addAll(List.of(command.split(" ")));
        CliRun viaHelp = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, viaHelp.exitCode(), viaHelp.stderr());
        assertEquals(CliRun.run((command + " --help").split(" ")).out(), viaHelp.out());
    }

    @Test
    void helpAloneShowsTheRootUsage() {
        CliRun r = CliRun.run("help");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(CliRun.run("--help").out(), r.out());
    }

    @Test
    void helpForAnUnknownCommandIsAUsageError() {
        CliRun r = CliRun.run("help", "cnn", "fly");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("unknown command 'cnn fly'"), r.stderr());
        assertTrue(r.stderr().contains("train"), r.stderr());
    }
}
