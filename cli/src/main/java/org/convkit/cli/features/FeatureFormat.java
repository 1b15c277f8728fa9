package org.convkit.cli.features;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.convkit.io.npy.Npy;
import org.convkit.io.npy.NpyArray;

/**
 * The one place convkit writes feature matrices (n rows of d values with integer labels):
 * <ul>
 * <li>{@code npz}: NumPy zip (uncompressed) with {@code X} float32 [n, d], {@code y} int32 [n] and
 *     {@code classes} (unicode [k]); {@code numpy.load(f)["X"]};</li>
 * <li>{@code npy}: the matrix X alone, float32 [n, d];</li>
 * <li>{@code svmlight}: {@code label index:value ...} per row, indices from 1, zeros left out, as LIBSVM,
 *     LIBLINEAR and {@code sklearn.datasets.load_svmlight_file} read it;</li>
 * <li>{@code csv}: a header {@code label,f0,...,f(d-1)}, then one row per image.</li>
 * </ul>
 * Values are written in float32; text formats print the shortest decimal that reads back to the same float.
 */
public enum FeatureFormat {
    NPZ("npz"), NPY("npy"), SVMLIGHT("svmlight"), CSV("csv");

    private final String extension;

    FeatureFormat(String extension) { this.extension = extension; }

    public String extension() { return extension; }

    public static FeatureFormat parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "npz" -> NPZ;
            case "npy" -> NPY;
            case "svmlight", "libsvm", "svm" -> SVMLIGHT;
            case "csv" -> CSV;
            default -> throw new IllegalArgumentException("unknown feature format '" + s + "' (valid: npz, npy, svmlight, csv)");
        };
    }

    /** The format a file name implies ({@code .npz}, {@code .npy}, {@code .svm}/{@code .libsvm}/{@code .svmlight}/{@code .txt}, {@code .csv}); null if none. */
    public static FeatureFormat fromFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".npz")) return NPZ;
        if (n.endsWith(".npy")) return NPY;
        if (n.endsWith(".csv")) return CSV;
        if (n.endsWith(".svm") || n.endsWith(".libsvm") || n.endsWith(".svmlight") || n.endsWith(".txt")) return SVMLIGHT;
        return null;
    }

    /** Writes the spooled rows with their labels and class names to {@code out} (not closed). */
    public void write(RowSpool rows, List<String> classes, OutputStream out) throws IOException {
        switch (this) {
            case NPZ -> writeNpz(rows, classes, out);
            case NPY -> {
                out.write(Npy.header("<f4", rows.rows(), Math.max(rows.dim(), 0)));
                try (InputStream in = rows.rawRows()) {
                    in.transferTo(out);
                }
            }
            case SVMLIGHT -> writeText(rows, out, false);
            case CSV -> writeText(rows, out, true);
        }
    }

    private static void writeNpz(RowSpool rows, List<String> classes, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        // X: stored, so its CRC is computed first in one pass over the spool
        byte[] xHeader = Npy.header("<f4", rows.rows(), Math.max(rows.dim(), 0));
        CRC32 crc = new CRC32();
        crc.update(xHeader);
        try (InputStream in = rows.rawRows()) {
            byte[] chunk = new byte[1 << 16];
            for (int r; (r = in.read(chunk)) > 0; ) {
                crc.update(chunk, 0, r);
            }
        }
        zip.putNextEntry(stored("X.npy", xHeader.length + rows.rawSize(), crc.getValue()));
        zip.write(xHeader);
        try (InputStream in = rows.rawRows()) {
            in.transferTo(zip);
        }
        zip.closeEntry();

        int[] y = new int[rows.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.label(i);
        }
        putStored(zip, "y.npy", Npy.bytes(NpyArray.ofInts(y)));
        putStored(zip, "classes.npy", Npy.bytes(NpyArray.ofStrings(classes)));
        zip.finish();
    }

    private static ZipEntry stored(String name, long size, long crc) {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        return e;
    }

    private static void putStored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        zip.putNextEntry(stored(name, data.length, crc.getValue()));
        zip.write(data);
        zip.closeEntry();
    }

    private static void writeText(RowSpool rows, OutputStream out, boolean csv) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        if (csv) {
            StringBuilder h = new StringBuilder("label");
            for (int j = 0; j < rows.dim(); j++) {
                h.append(",f").append(j);
            }
            w.write(h.append('\n').toString());
        }
        StringBuilder line = new StringBuilder();
        rows.forEachRow((i, values, label) -> {
            line.setLength(0);
            line.append(label);
            for (int j = 0; j < values.length; j++) {
                float v = values[j];
                if (csv) {
                    line.append(',');
                    appendFloat(line, v);
                } else if (v != 0) {
                    line.append(' ').append(j + 1).append(':');
                    appendFloat(line, v);
                }
            }
            line.append('\n');
            w.append(line);
        });
        w.flush();
    }

    /** The shortest text that reads back to {@code v}; "0" and integers without ".0". */
    static void appendFloat(StringBuilder sb, float v) {
        if (v == (int) v && Math.abs(v) < 1e7f) {
            sb.append((int) v);
        } else {
            sb.append(v);
        }
    }
}
