package org.convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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

    static Stream<String> topLevelCommands() { return commands().filter(c -> !c.contains(" ")); }

    /** {@code convkit help COMMAND} (picocli's help command takes one level). */
    @ParameterizedTest
    @MethodSource("topLevelCommands")
    void helpCommandShowsTheSameUsage(String command) {
        CliRun viaHelp = CliRun.run("help", command);
        assertEquals(0, viaHelp.exitCode(), viaHelp.stderr());
        assertEquals(CliRun.run(command, "--help").out(), viaHelp.out());
    }
}
