package org.convkit.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the checkout's testdata/ folders: next to the launcher (convkit.home), above the jar, or under the working folder. */
final class Testdata {
    private Testdata() {}

    /** testdata/{@code name}, or that path relative to the working folder when no checkout is found (the caller says so). */
    static Path find(String name) {
        List<Path> candidates = new ArrayList<>();
        String home = System.getProperty("convkit.home");
        if (home != null) {
            candidates.add(Path.of(home));
        }
        try {
            Path jar = Path.of(Testdata.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                candidates.add(p);
            }
        } catch (Exception ignored) {
            // no code source: fall back to the working folder
        }
        candidates.add(Path.of("").toAbsolutePath());
        for (Path c : candidates) {
            Path t = c.resolve("testdata").resolve(name);
            if (Files.isDirectory(t)) {
                return t;
            }
        }
        return Path.of("testdata", name);
    }
}
