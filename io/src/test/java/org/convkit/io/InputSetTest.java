package org.convkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output that would replace an input is found however the input is named: other spellings, links. */
class InputSetTest {
    @TempDir
    Path dir;

    @Test
    void findsTheInputUnderAnyNameOrLink() throws IOException {
        Path b = Files.createDirectories(dir.resolve("b"));
        Path x = Files.writeString(b.resolve("x.png"), "x");
        InputSet read = new InputSet();
        read.add(x);
        assertEquals(Optional.of(x), read.replacedBy(dir.resolve("a/../b/x.png")));
        assertEquals(Optional.of(x), read.replacedBy(Files.createSymbolicLink(dir.resolve("link.png"), x)));
        assertEquals(Optional.of(x), read.replacedBy(Files.createLink(dir.resolve("hard.png"), x)));
        assertEquals(Optional.of(x), read.replacedBy(Files.createSymbolicLink(dir.resolve("c"), b).resolve("x.png")));
        assertEquals(Optional.empty(), read.replacedBy(b.resolve("y.png")));
    }

    @Test
    void tellsWhatLiesWithinAFolder() throws IOException {
        Path b = Files.createDirectories(dir.resolve("b"));
        assertTrue(InputSet.isWithin(b.resolve("new/out.npz"), dir));
        assertFalse(InputSet.isWithin(dir.resolve("out.npz"), b));
    }
}
