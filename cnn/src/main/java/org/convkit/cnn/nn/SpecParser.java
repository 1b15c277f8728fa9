package org.convkit.cnn.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a one-line (or multi-line, {@code #} comments allowed) architecture spec such as
 * {@code conv(32,3,pad=1) bn relu maxpool(2) flatten fc(10)} into {@link LayerSpec}s. Tokens are
 * separated by white space or commas outside parentheses; arguments are positional or {@code key=value}.
 * Errors name the offending token and its position.
 */
public final class SpecParser {
    /** Far more layers than any network here has; a longer spec is refused before its layers take memory. */
    public static final int MAX_LAYERS = 10_000;

    private SpecParser() {}

    public static List<LayerSpec> parse(String spec) {
        String text = stripComments(spec);
        List<LayerSpec> out = new ArrayList<>();
        int i = 0, n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch) || ch == ',' || ch == ';') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '-')) {
                i++;
            }
            if (i == start) {
                throw new IllegalArgumentException("architecture: unexpected '" + ch + "' at character " + (start + 1));
            }
            String name = text.substring(start, i).toLowerCase(java.util.Locale.ROOT);
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            List<String> positional = new ArrayList<>();
            Map<String, String> keywords = new LinkedHashMap<>();
            if (i < n && text.charAt(i) == '(') {
                int close = text.indexOf(')', i);
                if (close < 0) {
                    throw new IllegalArgumentException("architecture: '" + name + "(' at character " + (start + 1) + " is never closed");
                }
                String inner = text.substring(i + 1, close).trim();
                if (!inner.isEmpty()) {
                    for (String arg : inner.split(",")) {
                        String a = arg.trim();
                        if (a.isEmpty()) {
                            throw new IllegalArgumentException("architecture: empty argument in " + text.substring(start, close + 1));
                        }
                        int eq = a.indexOf('=');
                        if (eq >= 0) {
                            keywords.put(a.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT), a.substring(eq + 1).trim());
                        } else if (!keywords.isEmpty()) {
                            throw new IllegalArgumentException("architecture: positional argument '" + a + "' after a keyword in "
                                    + text.substring(start, close + 1));
                        } else {
                            positional.add(a);
                        }
                    }
                }
                i = close + 1;
            }
            if (out.size() == MAX_LAYERS) {
                throw new IllegalArgumentException("architecture: more than " + MAX_LAYERS + " layers");
            }
            out.add(new LayerSpec(name, List.copyOf(positional), keywords));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("architecture: the spec is empty");
        }
        return out;
    }

    private static String stripComments(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\\R")) {
            int hash = line.indexOf('#');
            sb.append(hash >= 0 ? line.substring(0, hash) : line).append(' ');
        }
        return sb.toString();
    }
}
