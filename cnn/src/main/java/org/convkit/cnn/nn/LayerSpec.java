package org.convkit.cnn.nn;

import java.util.List;
import java.util.Map;

/**
 * One parsed token of an architecture spec, such as {@code conv(32, 3, pad=1)}: its name, positional
 * arguments and keyword arguments (as written; {@link Builder} interprets them).
 */
public record LayerSpec(String name, List<String> positional, Map<String, String> keywords) {
    @Override
    public String toString() {
        if (positional.isEmpty() && keywords.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        String sep = "";
        for (String p : positional) {
            sb.append(sep).append(p);
            sep = ",";
        }
        for (Map.Entry<String, String> e : keywords.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ",";
        }
        return sb.append(')').toString();
    }
}
