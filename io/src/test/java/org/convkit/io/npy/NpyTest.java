package org.convkit.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.convkit.io.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NumPy codec against files NumPy wrote ({@code testdata/npy}, made by {@code make_npy.py}, whose
 * {@code manifest.tsv} says what each holds), and files it writes read back by NumPy.
 */
class NpyTest {
    static final Path DIR = TestFiles.TESTDATA.resolve("npy");
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path tmp;

    record Entry(String file, String descr, long[] shape, boolean fortran, String version, String values) {
        @Override
        public String toString() { return file; }
    }

    static Stream<Entry> manifest() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("manifest.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            long[] shape = f[2].isEmpty() ? new long[0] : Arrays.stream(f[2].split(",")).mapToLong(Long::parseLong).toArray();
            out.add(new Entry(f[0], f[1], shape, Boolean.parseBoolean(f[3]), f[4], f[5]));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("manifest")
    void readsWhatNumpyWrote(Entry e) throws IOException {
        byte[] file = Files.readAllBytes(DIR.resolve(e.file()));
        assertEquals(e.version(), file[6] + "." + file[7], "the fixture's format version");
        NpyHeader header = NpyHeader.read(file);
        assertEquals(e.fortran(), header.fortranOrder());
        NpyArray a = Npy.read(DIR.resolve(e.file()));
        assertEquals(e.descr(), a.header().descr());
        assertArrayEquals(e.shape(), a.shape());
        assertValues(e, a);
    }

    /** What NumPy's file holds, read back from what convkit writes of it, in either order, equals the original. */
    @ParameterizedTest
    @MethodSource("manifest")
    void roundTripsInBothOrders(Entry e) throws IOException {
        NpyArray a = Npy.read(DIR.resolve(e.file()));
        for (boolean fortran : new boolean[] {false, true}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Npy.write(out, a, fortran);
            byte[] bytes = out.toByteArray();
            assertEquals(0, (bytes.length - a.header().dataBytes()) % 64, "data aligned to 64 bytes");
            assertEquals(fortran && e.shape().length > 1, NpyHeader.read(bytes).fortranOrder());
            assertValues(e, Npy.read(bytes));
        }
    }

    /** C order is written byte for byte as NumPy writes it (same header text and padding, version 1.0). */
    @Test
    void writesTheBytesNumpyWrites() throws IOException {
        for (String name : List.of("v1-c-f4.npy", "v1-c-u1.npy", "v1-c-i4.npy", "v1-c-str.npy", "v1-scalar-f8.npy", "v1-c-u1-rgb.npy")) {
            byte[] numpy = Files.readAllBytes(DIR.resolve(name));
            assertArrayEquals(numpy, Npy.bytes(Npy.read(numpy)), name);
        }
    }

    /** Files convkit writes, C and Fortran order, each dtype, loaded by NumPy itself. */
    @Test
    void numpyLoadsWhatConvkitWrites() throws Exception {
        List<String> checks = new ArrayList<>();
        int k = 0;
        for (Entry e : manifest().toList()) {
            NpyArray a = Npy.read(DIR.resolve(e.file()));
            for (boolean fortran : new boolean[] {false, true}) {
                Path written = tmp.resolve((k++) + ".npy");
                try (var out = Files.newOutputStream(written)) {
                    Npy.write(out, a, fortran);
                }
                checks.add(written + "\t" + DIR.resolve(e.file()) + "\t" + (fortran && e.shape().length > 1 ? "F" : "C"));
            }
        }
        Path list = Files.writeString(tmp.resolve("checks.tsv"), String.join("\n", checks));
        String script = """
                import sys, numpy as np
                for line in open(sys.argv[1]):
                    mine, theirs, order = line.rstrip('\\n').split('\\t')
                    a, b = np.load(mine, allow_pickle=False), np.load(theirs, allow_pickle=False)
                    assert a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b), (mine, theirs)
                    if a.ndim > 1:
                        assert (order == 'F') == (a.flags.f_contiguous and not a.flags.c_contiguous), (mine, order)
                print('ok')
                """;
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script, list.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("ok", out.strip());
    }

    /** numpy.savez and savez_compressed: members by name, in archive order, a transposed one in C order. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"archive.npz", "archive-compressed.npz"})
    void readsNpzArchives(String name) throws IOException {
        var arrays = Npy.readNpz(DIR.resolve(name));
        assertEquals(List.of("x", "y", "classes", "xt"), List.copyOf(arrays.keySet()));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, arrays.get("x").floats());
        assertArrayEquals(new int[] {1, 0}, arrays.get("y").ints());
        assertEquals(List.of("a", "bc"), arrays.get("classes").strings());
        assertArrayEquals(new long[] {3, 2}, arrays.get("xt").shape());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, arrays.get("xt").floats());
    }

    @Test
    void aLongHeaderIsWrittenAsVersion2AndRead() throws IOException {
        long[] shape = new long[30_000];
        Arrays.fill(shape, 1);
        NpyArray a = NpyArray.ofFloats(new float[] {4.5f}, shape);
        byte[] bytes = Npy.bytes(a);
        assertEquals(2, bytes[6]);
        assertEquals(0, (bytes.length - 4) % 64);
        NpyArray back = Npy.read(bytes);
        assertArrayEquals(shape, back.shape());
        assertArrayEquals(new float[] {4.5f}, back.floats());
    }

    @Test
    void stringsAndIntsAsTheFeatureFilesWriteThem() throws IOException {
        NpyArray names = Npy.read(Npy.bytes(NpyArray.ofStrings(List.of("a", "Ankle boot", ""))));
        assertEquals("<U10", names.header().descr());
        assertEquals(List.of("a", "Ankle boot", ""), names.strings());
        assertArrayEquals(new int[] {3, -1, 0}, Npy.read(Npy.bytes(NpyArray.ofInts(new int[] {3, -1, 0}))).ints());
    }

    // ---- files from strangers

    @Test
    void aHeaderLongerThanTheFileIsRefused() throws IOException {
        byte[] good = Files.readAllBytes(DIR.resolve("v1-c-f4.npy"));
        for (int n = 0; n < 128; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(cut), "cut at " + n);
            assertTrue(e.getMessage().startsWith("truncated .npy"), e.getMessage());
        }
        byte[] v2 = Files.readAllBytes(DIR.resolve("v2-c-f4.npy"));
        ByteBuffer.wrap(v2).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0x7fff_fff0);
        refused(v2, "truncated .npy header");
        byte[] v3 = Files.readAllBytes(DIR.resolve("v3-c-f4.npy"));
        ByteBuffer.wrap(v3).order(ByteOrder.LITTLE_ENDIAN).putInt(8, -1); // 4 GB as an unsigned length
        refused(v3, "truncated .npy header");
    }

    /** The shape is checked against the bytes behind the header before the array is made. */
    @Test
    void aShapeLargerThanTheDataIsRefusedBeforeAllocating() {
        refused(npy("<f8", "(40000, 40000, 4)", 64), "truncated .npy data", "needs 51200000000 bytes; 64 follow");
        refused(npy("<f8", "(2147483647, 2147483647, 2147483647)", 64), "truncated .npy data", "needs over 2^63 bytes");
        refused(npy("<U99", "(2147483647,)", 0), "truncated .npy data");
        refused(npy("<f4", "(0, 4294967296)", 0), "a .npy dimension of 4294967296");
        // Fortran order copies the data into C order: only data that is there
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(fortran("<f4", "(65536, 65536)", 16)));
        assertTrue(e.getMessage().contains("truncated .npy data"), e.getMessage());
    }

    @Test
    void badHeadersAreFormatErrors() {
        refused(npy("<f4", "(abc, 3)", 48), "bad .npy header (shape entry 'abc')");
        refused(npy("<f4", "(-2, 3)", 48), "shape entry '-2'");
        refused(npy("<f99999999999", "(2, 3)", 48), "unsupported .npy dtype '<f99999999999'");
        refused(npy("<i8", "(1,)", 8), "unsupported .npy dtype '<i8'");
        refused(npy("<U0", "(1,)", 8), "unsupported .npy dtype '<U0'");
        byte[] v9 = npy("<f4", "(1,)", 4);
        v9[6] = 9;
        refused(v9, "unsupported .npy format version 9.0");
    }

    private static void refused(byte[] file, String... parts) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(file));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    private static byte[] npy(String descr, String shape, int dataBytes) { return file(descr, "False", shape, dataBytes); }

    private static byte[] fortran(String descr, String shape, int dataBytes) { return file(descr, "True", shape, dataBytes); }

    /** A version-1 file with the given header fields (unchecked) and {@code dataBytes} zero bytes. */
    private static byte[] file(String descr, String fortran, String shape, int dataBytes) {
        String header = "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
        header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    private static void assertValues(Entry e, NpyArray a) {
        if (e.descr().contains("U")) {
            assertEquals(List.of(e.values().split("\\|")), a.strings());
            return;
        }
        double[] want = Arrays.stream(e.values().split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertArrayEquals(want, a.doubles(), e.file());
        float[] wantF = new float[want.length];
        for (int i = 0; i < want.length; i++) wantF[i] = (float) want[i];
        assertArrayEquals(wantF, a.floats(), e.file());
    }
}
