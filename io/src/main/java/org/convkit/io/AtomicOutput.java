package org.convkit.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes output files all at once or not at all: into a hidden temporary file in the target's folder,
 * flushed to the disk ({@code fsync}), then renamed over the target, and the folder flushed too, so
 * that after a crash or a power cut the target is either the old file or the whole new one, never
 * empty or half written. A failure removes the temporary file (and Ctrl-C removes those in progress).
 * Existing files are kept unless {@code overwrite}.
 */
public final class AtomicOutput {

    /** The body that writes the file's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** What makes the written bytes and the rename durable; the tests watch the order of the calls. */
    interface Durability {
        /** The file's data and size, before it gets its name. */
        void force(FileChannel file) throws IOException;

        /** The folder's list of names, after the rename. */
        void forceFolder(Path dir);
    }

    static final Durability FSYNC = new Durability() {
        @Override
        public void force(FileChannel file) throws IOException { file.force(true); }

        @Override
        public void forceFolder(Path dir) {
            // Linux and macOS sync a folder opened for reading; Windows cannot open one (nor needs to)
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // the file itself is safe; only the rename may be lost on a crash
            }
        }
    };

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
     * atomic, so two writers never both win. Missing folders are created.
     */
    public static void write(Path target, boolean overwrite, Body body) throws IOException {
        write(target, overwrite, body, FSYNC);
    }

    /**
     * Writes {@code target}, which must lie below {@code root}, creating the missing folders between
     * them. {@code root} itself may be (or pass through) a symbolic link, the user's choice; a symbolic
     * link below it is refused, so that outputs cannot be led out of {@code root}.
     */
    public static void writeBelow(Path root, Path target, boolean overwrite, Body body) throws IOException {
        makeFoldersBelow(root, target.toAbsolutePath().getParent());
        write(target, overwrite, body, FSYNC);
    }

    static void write(Path target, boolean overwrite, Body body, Durability durability) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw exists(target);
        }
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        IN_PROGRESS.add(temp);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.writeTo(out);
                out.flush();
                durability.force(channel);
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
        durability.forceFolder(dir);
    }

    /** Creates the folders from {@code root} down to {@code dir}, refusing any symbolic link below root. */
    private static void makeFoldersBelow(Path root, Path dir) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Path want = dir.normalize();
        if (!want.startsWith(base)) {
            throw new IOException(dir + " is not below " + root);
        }
        Files.createDirectories(root);
        Path folder = root;
        for (Path name : base.relativize(want)) {
            if (name.toString().isEmpty()) {
                continue;
            }
            folder = folder.resolve(name);
            try {
                Files.createDirectory(folder);
            } catch (FileAlreadyExistsException e) {
                if (Files.isSymbolicLink(folder)) {
                    throw new IOException(folder + " is a symbolic link; convkit writes only into real folders below " + root);
                }
                if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(folder + " is a file where a folder is needed");
                }
            }
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
}
