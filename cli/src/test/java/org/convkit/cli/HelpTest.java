package org.convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
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

    /**
     * A command list names each command in one line, as {@code git help} does: the first line of every
     * visible command's description is short, and the long description follows it in its own help.
     */
    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasAOneLineSummary(String command) {
        CommandLine cl = Main.commandLine(Streams.system());
        for (String name : command.split(" ")) {
            cl = cl.getSubcommands().get(name);
        }
        if (cl.getCommandSpec().usageMessage().hidden()) {
            return;
        }
        String summary = cl.getCommandSpec().usageMessage().description()[0];
        assertTrue(summary.length() <= 64, command + ": '" + summary + "' fits one line of a command list");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "cnn --help", "baseline --help"})
    void aCommandListTakesOneLineACommand(String args) {
        String[] lines = CliRun.run(args.split(" ")).out().split("\n");
        int from = java.util.Arrays.asList(lines).indexOf("Commands:");
        assertTrue(from > 0, String.join("\n", lines));
        for (int i = from + 1; i < lines.length && !lines[i].isBlank(); i++) {
            assertTrue(lines[i].matches("  \\S.*"), "a continuation line: '" + lines[i] + "'");
        }
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
