package org.convkit.cli.model;

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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableWriteTest {
    @TempDir
    Path dir;

    @Test
    void theFileIsFlushedBeforeTheRenameAndTheFolderAfterIt() throws IOException {
        Path target = Files.writeString(dir.resolve("m.safetensors"), "old");
        List<String> events = new ArrayList<>();
        DurableWrite.replace(target, out -> out.write(new byte[] {1, 2, 3, 4, 5}), new DurableWrite.Sync() {
            @Override
            public void file(FileChannel written) throws IOException {
                // all the bytes are in the channel being flushed, and the old file is still in place
                assertEquals(5, written.size());
                assertEquals("old", Files.readString(target));
                events.add("file");
            }

            @Override
            public void folder(Path folder) {
                assertEquals(dir.toAbsolutePath(), folder);
                assertTrue(Files.exists(target));
                events.add("folder");
            }
        });
        assertEquals(List.of("file", "folder"), events);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Files.readAllBytes(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path target = Files.writeString(dir.resolve("m.safetensors"), "old");
        assertThrows(IOException.class, () -> DurableWrite.replace(target, out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void safeTensorsWritesThroughTheDiskFlushes() throws IOException {
        // the real flushes run on this platform (a folder that refuses fsync is tolerated)
        Path f = dir.resolve("sub").resolve("m.safetensors");
        SafeTensors.write(f, Map.of("w", SafeTensors.Tensor.ofFloats(new float[] {1, 2}, 2)), Map.of());
        assertArrayEquals(new float[] {1, 2}, SafeTensors.read(f).require("w").floats());
        assertFalse(Files.exists(dir.resolve("sub").resolve(".m.safetensors.tmp")));
    }
}
