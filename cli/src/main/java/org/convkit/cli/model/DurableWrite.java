package org.convkit.cli.model;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that a crash or a power cut leaves either the old file or the whole new one: the
 * bytes go to a temporary file in the same folder, which is flushed to the disk ({@code fsync}) before
 * it is renamed over the target, and the folder is flushed after the rename so that the new name
 * survives too. Without the first flush a power cut after the rename can leave an empty file under the
 * real name (the rename reached the disk, the data had not).
 */
final class DurableWrite {
    /** Writes the file's bytes. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The two flushes, apart so that a test can watch their order. */
    interface Sync {
        void file(FileChannel written) throws IOException;

        void folder(Path dir);

        Sync DISK = new Sync() {
            @Override
            public void file(FileChannel written) throws IOException { written.force(true); }

            @Override
            public void folder(Path dir) {
                // POSIX makes a rename durable by an fsync of the folder; Windows refuses to open a folder
                // as a file, and some file systems refuse the flush: the rename is then as durable as they make it
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                } catch (IOException | UnsupportedOperationException e) {
                    // best effort, see above
                }
            }
        };
    }

    private DurableWrite() {}

    static void replace(Path target, Body body) throws IOException { replace(target, body, Sync.DISK); }

    static void replace(Path target, Body body, Sync sync) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                body.writeTo(out);
                out.flush();
                sync.file(ch);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            sync.folder(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
