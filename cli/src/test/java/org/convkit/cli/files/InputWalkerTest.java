package org.convkit.cli.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
}
