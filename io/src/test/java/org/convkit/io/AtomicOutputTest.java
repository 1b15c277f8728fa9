package org.convkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Records what was made durable, and what the folder held at that moment. */
    private static class Recorder implements AtomicOutput.Durability {
        final List<String> events = new ArrayList<>();
        final Path target;

        Recorder(Path target) { this.target = target; }

        @Override
        public void force(FileChannel file) throws IOException {
            events.add("file " + file.size() + " bytes, target " + (Files.exists(target) ? "present" : "absent"));
        }

        @Override
        public void forceFolder(Path folder) {
            events.add("folder " + folder.getFileName() + ", target " + (Files.exists(target) ? "present" : "absent"));
        }
    }

    @Test
    void theFileIsSyncedBeforeItsRenameAndTheFolderAfter() throws IOException {
        Path target = dir.resolve("sub/out.bin");
        for (boolean overwrite : new boolean[] {false, true}) {
            Recorder r = new Recorder(target);
            AtomicOutput.write(target, overwrite, out -> out.write(new byte[100_000]), r);
            assertEquals(List.of("file 100000 bytes, target " + (overwrite ? "present" : "absent"), "folder sub, target present"),
                    r.events);
        }
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFileAndKeepsTheOldFile() throws IOException {
        Path target = dir.resolve("out.bin");
        Files.write(target, new byte[] {1, 2, 3});
        for (boolean overwrite : new boolean[] {false, true}) {
            IOException e = assertThrows(IOException.class, () -> AtomicOutput.write(target, overwrite, out -> {
                out.write(new byte[70_000]);
                throw new IOException("disk full");
            }));
            assertEquals(overwrite ? "disk full" : target + ": exists; --overwrite replaces it", e.getMessage());
        }
        Recorder failing = new Recorder(target) {
            @Override
            public void force(FileChannel file) throws IOException { throw new IOException("I/O error"); }
        };
        assertThrows(IOException.class, () -> AtomicOutput.write(target, true, out -> out.write(9), failing));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of("out.bin"), names());
    }

    @Test
    void noSymbolicLinkBelowTheRootIsFollowed() throws IOException {
        Path root = Files.createDirectories(dir.resolve("out"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("sub"), outside);
        IOException e = assertThrows(IOException.class,
                () -> AtomicOutput.writeBelow(root, root.resolve("sub/deeper/x.png"), false, out -> out.write(1)));
        assertEquals(root.resolve("sub") + " is a symbolic link; convkit writes only into real folders below " + root, e.getMessage());
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(0, s.count());
        }

        // the root itself may be a link (the user named it); real folders below it are created
        Path linkedRoot = Files.createSymbolicLink(dir.resolve("linked"), outside);
        AtomicOutput.writeBelow(linkedRoot, linkedRoot.resolve("a/b/x.png"), false, out -> out.write(1));
        assertTrue(Files.isRegularFile(outside.resolve("a/b/x.png")));
        assertFalse(Files.isSymbolicLink(outside.resolve("a")));
    }
}
