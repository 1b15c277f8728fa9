package org.convkit.io;

import java.nio.file.Path;

/** Where the tests find the repository's test data (tests run in the module's folder). */
public final class TestFiles {
    private TestFiles() {}

    public static final Path TESTDATA = Path.of("..", "testdata").toAbsolutePath().normalize();
    public static final Path IMAGES = TESTDATA.resolve("images");
}
