package org.convkit.io.image;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The image file formats convkit knows, what each can hold, and the file name extensions that mean it. */
public enum ImageFormat {
    //   extensions (first = the one we write)     write  16-bit float  alpha
    PNG(List.of("png"),                             true,  true,  false, true),
    JPEG(List.of("jpg", "jpeg"),                    true,  false, false, false),
    TIFF(List.of("tif", "tiff"),                    true,  true,  true,  true),
    BMP(List.of("bmp"),                             true,  false, false, false),
    PNM(List.of("pnm", "pgm", "ppm", "pam"),       true,   true,  false, true),
    PFM(List.of("pfm"),                             true,  false, true,  false),
    NPY(List.of("npy"),                             true,  true,  true,  true),
    GIF(List.of("gif"),                             false, false, false, false),
    PSD(List.of("psd"),                             false, false, false, false),
    WEBP(List.of("webp"),                           false, false, false, false);

    private final List<String> extensions;
    private final boolean writable;
    private final boolean holds16;
    private final boolean holdsFloat;
    private final boolean holdsAlpha;

    ImageFormat(List<String> extensions, boolean writable, boolean holds16, boolean holdsFloat, boolean holdsAlpha) {
        this.extensions = extensions;
        this.writable = writable;
        this.holds16 = holds16;
        this.holdsFloat = holdsFloat;
        this.holdsAlpha = holdsAlpha;
    }

    public List<String> extensions() { return extensions; }

    /** The extension written by default. */
    public String extension() { return extensions.getFirst(); }

    public boolean writable() { return writable; }

    public boolean holdsAlpha() { return holdsAlpha; }

    /** Whether files of this format can store samples of {@code depth}. */
    public boolean holds(SampleDepth depth) {
        return switch (depth) {
            case U8 -> this != PFM;
            case U16 -> holds16;
            case FLOAT -> holdsFloat;
        };
    }

    /** The format named {@code name} ({@code png}, {@code jpg}, {@code pgm}...), case-insensitive. */
    public static Optional<ImageFormat> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("tiff32") || n.equals("float-tiff")) {
            return Optional.of(TIFF);
        }
        return Arrays.stream(values()).filter(f -> f.extensions.contains(n)).findFirst();
    }

    /** The format a file name's extension says, if any. */
    public static Optional<ImageFormat> ofPath(Path path) {
        String ext = extensionOf(path);
        if (ext.equals("pbm")) {
            return Optional.of(PNM); // read, never written: we write P5/P6/P7
        }
        return ext.isEmpty() ? Optional.empty() : byName(ext);
    }

    /** The extension of a file name, lower case, without the dot; empty when there is none. */
    public static String extensionOf(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Every name {@code -f} accepts, for messages. */
    public static String writableNames() {
        return Arrays.stream(values()).filter(ImageFormat::writable)
                .flatMap(f -> f.extensions.stream()).collect(Collectors.joining(", "));
    }
}
