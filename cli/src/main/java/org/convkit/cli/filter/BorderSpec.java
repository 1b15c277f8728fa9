package org.convkit.cli.filter;

import java.util.Locale;
import org.convkit.filters.border.Border;
import org.convkit.filters.border.BorderMode;

/**
 * Parses {@code -b} values: {@code zero} (alias {@code clip}), {@code constant:V}, {@code replicate}
 * ({@code edge}, {@code nearest}), {@code reflect}, {@code reflect101} ({@code reflect-101},
 * {@code mirror}), {@code wrap}. The aliases are the names OpenCV, SciPy and NumPy use for the same rule.
 */
public final class BorderSpec {
    public static final String VALID = "zero (clip), constant:V, replicate (edge, nearest), reflect, "
            + "reflect101 (reflect-101, mirror), wrap";

    /** The {@code -b} help: each mode's picture and its names in OpenCV, SciPy and NumPy (see BorderMode). */
    public static final String HELP = ""
            + "For a row abcd, what lies beyond its ends; and the same rule's name elsewhere:%n"
            + "  zero, clip        000|abcd|000  OpenCV BORDER_CONSTANT(0)  SciPy constant  NumPy constant%n"
            + "  constant:V        VVV|abcd|VVV  OpenCV BORDER_CONSTANT(V)  SciPy constant, cval=V (V in the image's scale)%n"
            + "  replicate, edge, nearest%n"
            + "                    aaa|abcd|ddd  OpenCV BORDER_REPLICATE    SciPy nearest   NumPy edge%n"
            + "  reflect           cba|abcd|dcb  OpenCV BORDER_REFLECT      SciPy reflect   NumPy symmetric%n"
            + "  reflect101, reflect-101, mirror%n"
            + "                    dcb|abcd|cba  OpenCV BORDER_REFLECT_101  SciPy mirror    NumPy reflect%n"
            + "  wrap              bcd|abcd|abc  OpenCV BORDER_WRAP         SciPy wrap      NumPy wrap%n"
            + "Beware: NumPy's reflect is OpenCV's REFLECT_101 and SciPy's mirror; OpenCV's REFLECT is SciPy's reflect.%n"
            + "Kernels larger than the image work in every mode.";

    private BorderSpec() {}

    /** IllegalArgumentException listing the valid names on a bad spec. */
    public static Border parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        String name = t;
        String arg = null;
        int colon = t.indexOf(':');
        if (colon >= 0) {
            name = t.substring(0, colon);
            arg = t.substring(colon + 1).strip();
            if (arg.startsWith("value=")) arg = arg.substring(6);
        }
        BorderMode mode = switch (name) {
            case "zero", "clip", "zeros" -> BorderMode.ZERO;
            case "constant" -> BorderMode.CONSTANT;
            case "replicate", "edge", "nearest" -> BorderMode.REPLICATE;
            case "reflect", "symmetric" -> BorderMode.REFLECT;
            case "reflect101", "reflect-101", "reflect_101", "mirror" -> BorderMode.REFLECT_101;
            case "wrap", "grid-wrap", "circular" -> BorderMode.WRAP;
            default -> throw new IllegalArgumentException("unknown border mode '" + text + "' (valid: " + VALID + ")");
        };
        if (mode != BorderMode.CONSTANT) {
            if (arg != null) {
                throw new IllegalArgumentException("border mode '" + name + "' takes no value (valid: " + VALID + ")");
            }
            return Border.of(mode);
        }
        if (arg == null || arg.isEmpty()) {
            return Border.constant(0f);
        }
        try {
            float v = Float.parseFloat(arg);
            if (!Float.isFinite(v)) throw new NumberFormatException();
            return Border.constant(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("constant:V needs a number, got '" + arg + "'");
        }
    }
}
