package org.convkit.cli.features;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.convkit.io.AtomicOutput;
import org.convkit.io.npy.Npy;

/**
 * Descriptor vectors of single images ({@code convkit hog}, {@code convkit gist}) as text or NumPy:
 * {@code txt} one line per image, values separated by spaces (prefixed by the file name and a tab
 * when there are several images); {@code csv} a header {@code image,f0,...} and one row per image;
 * {@code npy} float32 [d] for one image, [n, d] for several.
 */
public final class VectorOutput {
    public enum Format { TXT, CSV, NPY }

    /** One image's vector and what to call it. */
    public record Row(String name, float[] values) {}

    private VectorOutput() {}

    public static Format parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "txt", "text" -> Format.TXT;
            case "csv" -> Format.CSV;
            case "npy" -> Format.NPY;
            default -> throw new IllegalArgumentException("unknown vector format '" + s + "' (valid: txt, csv, npy)");
        };
    }

    /** Writes to {@code target} atomically, or to {@code stdout} when target is null or "-". */
    public static void write(List<Row> rows, Format format, Path target, boolean overwrite, PrintStream stdout) throws IOException {
        if (target == null || target.toString().equals("-")) {
            write(rows, format, stdout);
            stdout.flush();
        } else {
            AtomicOutput.write(target, overwrite, out -> write(rows, format, out));
        }
    }

    static void write(List<Row> rows, Format format, OutputStream out) throws IOException {
        int d = rows.isEmpty() ? 0 : rows.get(0).values().length;
        for (Row r : rows) {
            if (r.values().length != d) {
                throw new IOException(r.name() + ": " + r.values().length + " values where " + rows.get(0).name() + " gave " + d
                        + " (images of different sizes cannot share one matrix; use txt)");
            }
        }
        switch (format) {
            case NPY -> {
                out.write(rows.size() == 1 ? Npy.header("<f4", d) : Npy.header("<f4", rows.size(), d));
                ByteBuffer b = ByteBuffer.allocate(4 * d).order(ByteOrder.LITTLE_ENDIAN);
                for (Row r : rows) {
                    b.clear();
                    b.asFloatBuffer().put(r.values());
                    out.write(b.array());
                }
            }
            case TXT, CSV -> {
                StringBuilder sb = new StringBuilder();
                boolean csv = format == Format.CSV;
                if (csv) {
                    sb.append("image");
                    for (int j = 0; j < d; j++) {
                        sb.append(",f").append(j);
                    }
                    sb.append('\n');
                }
                for (Row r : rows) {
                    if (csv) {
                        sb.append(quote(r.name()));
                    } else if (rows.size() > 1) {
                        sb.append(r.name()).append('\t');
                    }
                    for (int j = 0; j < d; j++) {
                        if (j > 0 || csv) {
                            sb.append(csv ? ',' : ' ');
                        }
                        FeatureFormat.appendFloat(sb, r.values()[j]);
                    }
                    sb.append('\n');
                    if (sb.length() > 1 << 16) {
                        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                        sb.setLength(0);
                    }
                }
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
