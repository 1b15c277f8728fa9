package org.convkit.cli.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes output files all at once or not at all: into a hidden temporary file in the target's folder,
 * then renamed over the target. An interrupted run leaves no half-written image under a real name
 * (and Ctrl-C removes the temporary files). Existing files are kept unless {@code overwrite}.
 */
public final class AtomicOutput {

    /** The body that writes the file's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : IN_PROGRESS) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort on the way out
                }
            }
        }, "convkit-temp-cleanup"));
    }

    private AtomicOutput() {}

    /**
     * Writes {@code target}. Throws {@link FileAlreadyExistsException} (reason: "exists; --overwrite
     * replaces it") when it exists and {@code overwrite} is false; the check and the final link are
     * atomic, so two writers never both win.
     */
    public static void write(Path target, boolean overwrite, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!overwrite && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw exists(target);
        }
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        IN_PROGRESS.add(temp);
        try {
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                body.writeTo(out);
            }
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                publishNoClobber(temp, target);
            }
        } finally {
            Files.deleteIfExists(temp);
            IN_PROGRESS.remove(temp);
        }
    }

    /** A hard link fails atomically if the target exists; where links are not supported, a plain move. */
    private static void publishNoClobber(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw exists(target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            try {
                Files.move(temp, target);
            } catch (FileAlreadyExistsException e2) {
                throw exists(target);
            }
        }
    }

    private static FileAlreadyExistsException exists(Path target) {
        return new FileAlreadyExistsException(target.toString(), null, "exists; --overwrite replaces it");
    }

    /** True when writing {@code target} would replace {@code input} (the same path, or a link to the same file). */
    public static boolean wouldReplace(Path target, Path input) {
        if (target.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(target) && Files.isSameFile(target, input);
        } catch (IOException e) {
            return false;
        }
    }
}
