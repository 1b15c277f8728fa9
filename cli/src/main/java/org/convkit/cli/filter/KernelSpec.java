package org.convkit.cli.filter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.convkit.cli.batch.Reporter;
import org.convkit.filters.Filter;
import org.convkit.filters.Filters;
import org.convkit.filters.kernel.Kernel;
import org.convkit.filters.kernel.Kernels;

/**
 * One {@code -k} value: {@code NAME[:KEY=VALUE,...]}, e.g. {@code gaussian:sigma=2,size=9},
 * {@code median:size=5}, {@code custom:"1 2 1; 0 0 0; -1 -2 -1"} or {@code custom:@kernel.txt}. A lone
 * value stands for the first parameter ({@code box:5}, {@code gaussian:2}). Named kernels always mean
 * the conventional operator; {@code --correlate} and {@code --normalize} only change custom matrices.
 */
public record KernelSpec(Name name, Map<String, String> params, Kernel custom, String text) {

    /** The kernel names and their parameters (required, then optional). */
    public enum Name {
        BOX("box", List.of("size"), List.of()),
        GAUSSIAN("gaussian", List.of("sigma"), List.of("size")),
        SOBEL_X("sobel-x", List.of(), List.of()),
        SOBEL_Y("sobel-y", List.of(), List.of()),
        SOBEL("sobel", List.of(), List.of()),
        SCHARR_X("scharr-x", List.of(), List.of()),
        SCHARR_Y("scharr-y", List.of(), List.of()),
        PREWITT_X("prewitt-x", List.of(), List.of()),
        PREWITT_Y("prewitt-y", List.of(), List.of()),
        LAPLACIAN("laplacian", List.of(), List.of()),
        LAPLACIAN8("laplacian8", List.of(), List.of()),
        SHARPEN("sharpen", List.of(), List.of()),
        EMBOSS("emboss", List.of(), List.of()),
        UNSHARP("unsharp", List.of("sigma", "amount"), List.of()),
        IDENTITY("identity", List.of(), List.of()),
        CUSTOM("custom", List.of(), List.of()),
        MEDIAN("median", List.of("size"), List.of()),
        MIN("min", List.of("size"), List.of()),
        MAX("max", List.of("size"), List.of());

        final String spelling;
        final List<String> required;
        final List<String> optional;
        Name(String spelling, List<String> required, List<String> optional) {
            this.spelling = spelling;
            this.required = required;
            this.optional = optional;
        }

        String usage() {
            if (this == CUSTOM) return "custom:\"MATRIX\" or custom:@FILE";
            String req = required.stream().map(p -> p + "=" + p.substring(0, 1).toUpperCase(Locale.ROOT)).collect(Collectors.joining(","));
            String opt = optional.stream().map(p -> "[," + p + "=N]").collect(Collectors.joining());
            return spelling + (req.isEmpty() ? "" : ":" + req) + opt;
        }

        static Name of(String s) {
            String n = s.toLowerCase(Locale.ROOT).replace('_', '-');
            if (n.equals("mean")) return BOX;
            if (n.equals("gauss")) return GAUSSIAN;
            return Arrays.stream(values()).filter(v -> v.spelling.equals(n) || v.spelling.replace("-", "").equals(n))
                    .findFirst().orElse(null);
        }
    }

    /** The largest kernel side (box, gaussian, median, min, max and custom matrices). */
    public static final int MAX_SIZE = 1025;
    /** Sigma's range: below 0.125 the default Gaussian is already the identity; 128 gives a side of 1025. */
    public static final double MIN_SIGMA = 0.01;
    public static final double MAX_SIGMA = 128;
    /** The largest custom:@FILE, read no further. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    public static final String VALID = Arrays.stream(Name.values()).map(n -> n.spelling).collect(Collectors.joining(", ")) + " (mean = box)";

    /** The {@code -k} help: every kernel, one per line (picocli turns %n into line breaks). */
    public static final String HELP = ""
            + "  box:size=N                 N x N mean (alias mean), as cv2.blur%n"
            + "  gaussian:sigma=S[,size=N]  Gaussian; size defaults to 2*int(4S+0.5)+1, as scipy.ndimage.gaussian_filter%n"
            + "  sobel-x, sobel-y           derivatives, exactly cv2.Sobel(img, CV_32F, 1, 0) and (0, 1)%n"
            + "  sobel                      gradient magnitude sqrt(gx^2 + gy^2)%n"
            + "  scharr-x, scharr-y, prewitt-x, prewitt-y   other derivative kernels%n"
            + "  laplacian, laplacian8      [0 1 0; 1 -4 1; 0 1 0] and [1 1 1; 1 -8 1; 1 1 1]%n"
            + "  sharpen, emboss            [0 -1 0; -1 5 -1; 0 -1 0] and [-2 -1 0; -1 1 1; 0 1 2]%n"
            + "  unsharp:sigma=S,amount=A   src + A (src - gaussian_S(src))%n"
            + "  identity                   no change (format or depth conversion only)%n"
            + "  custom:\"1 2 1; 0 0 0; -1 -2 -1\"  your matrix: rows split by ; or newlines%n"
            + "  custom:@FILE               the matrix from a text file (# starts a comment line)%n"
            + "  median:size=N              N x N median, as cv2.medianBlur%n"
            + "  min:size=N, max:size=N     N x N minimum / maximum (erosion / dilation, as cv2.erode / cv2.dilate)%n"
            + "A lone value is the first parameter: box:5, gaussian:2, median:3.%n"
            + "Limits, checked before anything is built: sizes 1 to 1025; sigma 0.01 to 128 (the default side%n"
            + "2*int(4*sigma+0.5)+1 then fits 1025); custom matrices at most 1025 x 1025, @FILE at most 1 MB (1,048,576 bytes).";

    /** Parses a spec; IllegalArgumentException (naming the valid kernels or parameters) when it is wrong. */
    public static KernelSpec parse(String text) {
        String t = text.strip();
        int colon = t.indexOf(':');
        String nameText = colon < 0 ? t : t.substring(0, colon).strip();
        String rest = colon < 0 ? "" : t.substring(colon + 1).strip();
        Name name = Name.of(nameText);
        if (name == null) {
            throw new IllegalArgumentException("unknown kernel '" + nameText + "' (valid: " + VALID + ")");
        }
        if (name == Name.CUSTOM) {
            return new KernelSpec(name, Map.of(), customMatrix(rest), text);
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (!rest.isEmpty()) {
            String[] parts = rest.split(",");
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].strip();
                int eq = part.indexOf('=');
                String key;
                String value;
                if (eq < 0 && i == 0 && !name.required.isEmpty()) {
                    key = name.required.getFirst();   // box:5 means box:size=5
                    value = part;
                } else if (eq < 0) {
                    throw new IllegalArgumentException(name.spelling + ": expected KEY=VALUE, got '" + part + "' (" + name.usage() + ")");
                } else {
                    key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                    value = part.substring(eq + 1).strip();
                }
                if (!name.required.contains(key) && !name.optional.contains(key)) {
                    throw new IllegalArgumentException(name.spelling + (name.required.isEmpty() && name.optional.isEmpty()
                            ? " takes no parameters" : ": unknown parameter '" + key + "' (" + name.usage() + ")"));
                }
                if (params.put(key, value) != null) {
                    throw new IllegalArgumentException(name.spelling + ": '" + key + "' given twice");
                }
            }
        }
        for (String r : name.required) {
            if (!params.containsKey(r)) {
                throw new IllegalArgumentException(name.spelling + " needs " + r + " (" + name.usage() + ")");
            }
        }
        KernelSpec spec = new KernelSpec(name, Map.copyOf(params), null, text);
        spec.toFilter(false, false); // check the values now (sizes, sigmas), so that errors are usage errors
        return spec;
    }

    private static Kernel customMatrix(String rest) {
        String m = rest;
        if (m.length() >= 2 && (m.startsWith("\"") && m.endsWith("\"") || m.startsWith("'") && m.endsWith("'"))) {
            m = m.substring(1, m.length() - 1);
        }
        if (m.startsWith("@")) {
            Path file = Path.of(m.substring(1));
            m = readKernelFile(file);
            // lines starting with # are comments in kernel files
            m = m.lines().filter(l -> !l.strip().startsWith("#")).collect(Collectors.joining("\n"));
        }
        if (m.isBlank()) {
            throw new IllegalArgumentException("custom needs a matrix: custom:\"1 2 1; 0 0 0; -1 -2 -1\" or custom:@file.txt");
        }
        Kernel k = Kernel.parse(m);
        if (k.width() > MAX_SIZE || k.height() > MAX_SIZE) {
            throw new IllegalArgumentException("custom matrix is " + k.width() + " x " + k.height() + "; at most "
                    + MAX_SIZE + " x " + MAX_SIZE);
        }
        return k;
    }

    /** The text of a kernel file, refused unread beyond {@link #MAX_FILE_BYTES} (a device such as /dev/zero never ends). */
    private static String readKernelFile(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read kernel file " + file + " (" + Reporter.reason(e) + ")");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("kernel file " + file + " is larger than 1 MB (1,048,576 bytes); a custom kernel is at most "
                    + MAX_SIZE + " x " + MAX_SIZE + " numbers");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("kernel file " + file + " is not text (numbers in rows)");
        }
    }

    /**
     * The filter this spec means. {@code correlate} applies a custom matrix unflipped (as cv2.filter2D);
     * {@code normalize} divides a custom matrix by its sum. Named kernels are not affected.
     */
    public Filter toFilter(boolean correlate, boolean normalize) {
        return switch (name) {
            case BOX -> Filters.convolve(Kernels.box(intParam("size")));
            case GAUSSIAN -> Filters.convolve(params.containsKey("size")
                    ? Kernels.gaussian(doubleParam("sigma"), intParam("size"))
                    : Kernels.gaussian(doubleParam("sigma")));
            case SOBEL_X -> Filters.convolve(Kernels.sobelX());
            case SOBEL_Y -> Filters.convolve(Kernels.sobelY());
            case SOBEL -> Filters.sobelMagnitude();
            case SCHARR_X -> Filters.convolve(Kernels.scharrX());
            case SCHARR_Y -> Filters.convolve(Kernels.scharrY());
            case PREWITT_X -> Filters.convolve(Kernels.prewittX());
            case PREWITT_Y -> Filters.convolve(Kernels.prewittY());
            case LAPLACIAN -> Filters.convolve(Kernels.laplacian());
            case LAPLACIAN8 -> Filters.convolve(Kernels.laplacian8());
            case SHARPEN -> Filters.convolve(Kernels.sharpen());
            case EMBOSS -> Filters.convolve(Kernels.emboss());
            case UNSHARP -> Filters.unsharp(doubleParam("sigma"), doubleParam("amount"));
            case IDENTITY -> Filters.convolve(Kernels.identity());
            case MEDIAN -> Filters.median(intParam("size"));
            case MIN -> Filters.min(intParam("size"));
            case MAX -> Filters.max(intParam("size"));
            case CUSTOM -> {
                Kernel k = custom;
                if (normalize) {
                    try {
                        k = k.normalized();
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--normalize: the custom kernel sums to "
                                + (float) k.sum() + ", it cannot be divided by its sum");
                    }
                }
                yield correlate ? Filters.correlate(k) : Filters.convolve(k);
            }
        };
    }

    /** A whole number from 1 to {@link #MAX_SIZE}, checked before any kernel is allocated. */
    private int intParam(String key) {
        String v = params.get(key);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            if (v.matches("[+-]?\\d+")) {
                n = Long.MAX_VALUE; // too many digits: out of range below
            } else {
                throw new IllegalArgumentException(name.spelling + ": " + key + " must be a whole number, got '" + v + "'");
            }
        }
        if (n < 1 || n > MAX_SIZE) {
            throw new IllegalArgumentException(name.spelling + ": " + key + " must be from 1 to " + MAX_SIZE + ", got " + v);
        }
        return (int) n;
    }

    /** A finite number; sigma from {@link #MIN_SIGMA} to {@link #MAX_SIGMA}. */
    private double doubleParam(String key) {
        String v = params.get(key);
        double d;
        try {
            d = Double.parseDouble(v);
            if (!Double.isFinite(d)) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name.spelling + ": " + key + " must be a number, got '" + v + "'");
        }
        if (key.equals("sigma") && !(d >= MIN_SIGMA && d <= MAX_SIGMA)) {
            throw new IllegalArgumentException(name.spelling + ": sigma must be from " + MIN_SIGMA + " to " + (int) MAX_SIGMA
                    + " (a kernel side of at most " + MAX_SIZE + "), got " + v);
        }
        return d;
    }

    @Override
    public String toString() { return text; }
}
