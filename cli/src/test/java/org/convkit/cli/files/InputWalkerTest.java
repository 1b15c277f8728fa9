package org.convkit.cli.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputWalkerTest {
    @TempDir
    Path dir;

    private List<String> walk(boolean recursive, Path skip) throws IOException {
        List<String> seen = new ArrayList<>();
        new InputWalker(List.of(dir.toString()), recursive, null, new ByteArrayInputStream(new byte[0]),
                skip == null ? null : skip::equals)
                .walk(f -> seen.add(f.relative().toString()), (path, reason) -> seen.add("problem " + path));
        return seen;
    }

    private void touch(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {1});
    }

    @Test
    void foldersAreWalkedInNameOrderWhateverTheCreationOrder() throws IOException {
        for (String name : List.of("c.png", "b/z.png", "a.jpg", "b/a.png", "notes.txt", ".hidden.png", "b/.git/x.png", "B.tif")) {
            touch(name);
        }
        assertEquals(List.of("B.tif", "a.jpg", "b/a.png", "b/z.png", "c.png"), walk(true, null));
        assertEquals(List.of("B.tif", "a.jpg", "c.png"), walk(false, null));
    }

    @Test
    void skippedFoldersAreLeftOut() throws IOException {
        touch("in/1.png");
        touch("out/1.png");
        assertEquals(List.of("in/1.png"), walk(true, dir.resolve("out")));
    }

    @Test
    void aListOnAPipeIsReadOnceAndEveryWalkSeesIt() throws IOException {
        touch("a.png");
        touch("b.png");
        byte[] list = (dir.resolve("a.png") + "\n" + dir.resolve("b.png") + "\n").getBytes(StandardCharsets.UTF_8);
        InputStream pipe = new ByteArrayInputStream(list) {
            private boolean closed;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (closed) {
                    throw new IllegalStateException("a pipe cannot be read again");
                }
                return super.read(b, off, len);
            }

            @Override
            public void close() { closed = true; }
        };
        InputWalker walker = new InputWalker(List.of(), false, "-", pipe, null);
        List<String> first = new ArrayList<>();
        walker.walk(f -> first.add(f.path().getFileName().toString()), (path, reason) -> first.add("problem " + path));
        List<String> second = new ArrayList<>();
        walker.walk(f -> second.add(f.path().getFileName().toString()), (path, reason) -> second.add("problem " + path));
        assertEquals(List.of("a.png", "b.png"), first);
        assertEquals(first, second);
    }
}
