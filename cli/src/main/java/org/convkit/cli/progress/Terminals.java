package org.convkit.cli.progress;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal: progress bars only go there, never into logs or pipes. */
public final class Terminals {
    private Terminals() {}

    public static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            // Linux: fd 2 links to /dev/pts/N or /dev/ttyN when it is a terminal
            String target = Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            // no /proc: the JDK only knows whether stdin and stdout are a terminal, the best guess left
            Console c = System.console();
            return c != null && c.isTerminal();
        }
    }
}
