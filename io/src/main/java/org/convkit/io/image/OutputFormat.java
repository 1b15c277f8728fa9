package org.convkit.io.image;

import java.util.Locale;

/** A writable format and the file extension it is written with ({@code jpg} or {@code jpeg}, {@code pgm} or {@code pam}...). */
public record OutputFormat(ImageFormat format, String extension) {

    public OutputFormat {
        if (!format.writable()) {
            throw new IllegalArgumentException("convkit cannot write " + format + " files (writable: " + ImageFormat.writableNames() + ")");
        }
    }

    public static OutputFormat of(ImageFormat format) { return new OutputFormat(format, format.extension()); }

    /** The format named on the command line ({@code -f}); IllegalArgumentException listing the valid names otherwise. */
    public static OutputFormat parse(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceFirst("^\\.", "");
        ImageFormat f = ImageFormat.byName(n).filter(ImageFormat::writable).orElseThrow(() ->
                new IllegalArgumentException("unknown output format '" + name + "' (valid: " + ImageFormat.writableNames() + ")"));
        return new OutputFormat(f, f.extensions().contains(n) ? n : f.extension());
    }

    /** PAM (P7) rather than P5/P6: the one Netpbm flavour that keeps alpha. */
    boolean pam() { return format == ImageFormat.PNM && extension.equals("pam"); }

    public boolean holdsAlpha() { return format.holdsAlpha() && (format != ImageFormat.PNM || pam()); }
}
