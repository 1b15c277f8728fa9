package org.convkit.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * How well a classifier did on a labelled set: accuracy, top-k accuracy, per-class precision and
 * recall, and the confusion matrix, with one plain-text and one JSON rendering. Every command that
 * evaluates a classifier ({@code convkit baseline eval}, {@code cnn eval}, {@code compare}) builds one and
 * prints it, so the reports read the same everywhere.
 *
 * <p>Precision of a class nobody predicted, and recall of a class absent from the set, are undefined:
 * the text shows "-", the JSON {@code null} (scikit-learn would warn and print 0).
 */
public final class ClassificationReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> classes;
    private final long[][] confusion; // [true][predicted]
    private final int samples;
    private final int[] rankOfTruth;  // rank of the true class in each sample's scores (0 = top), or null

    private ClassificationReport(List<String> classes, long[][] confusion, int samples, int[] rankOfTruth) {
        this.classes = List.copyOf(classes);
        this.confusion = confusion;
        this.samples = samples;
        this.rankOfTruth = rankOfTruth;
    }

    /** From predicted labels; top-k accuracies are then unknown. */
    public static ClassificationReport fromPredictions(List<String> classes, int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
        }
        long[][] m = new long[classes.size()][classes.size()];
        for (int i = 0; i < truth.length; i++) {
            m[check(truth[i], classes)][check(predicted[i], classes)]++;
        }
        return new ClassificationReport(classes, m, truth.length, null);
    }

    /**
     * From one score per class and sample (higher is more likely; SVM margins, logits or probabilities):
     * the prediction is the highest score (the first on ties), and top-k accuracies are known.
     */
    public static ClassificationReport fromScores(List<String> classes, int[] truth, float[][] scores) {
        if (truth.length != scores.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + scores.length + " score rows");
        }
        int[] predicted = new int[truth.length];
        int[] rank = new int[truth.length];
        for (int i = 0; i < truth.length; i++) {
            float[] s = scores[i];
            if (s.length != classes.size()) {
                throw new IllegalArgumentException("score row " + i + " has " + s.length + " values for " + classes.size() + " classes");
            }
            predicted[i] = argmax(s);
            int t = check(truth[i], classes);
            int r = 0;
            for (int c = 0; c < s.length; c++) { // classes scored above the truth, ties broken by index as argmax does
                if (s[c] > s[t] || (s[c] == s[t] && c < t)) {
                    r++;
                }
            }
            rank[i] = r;
        }
        ClassificationReport p = fromPredictions(classes, truth, predicted);
        return new ClassificationReport(classes, p.confusion, p.samples, rank);
    }

    /** The index of the largest value (the first of equal ones). */
    public static int argmax(float[] s) {
        int best = 0;
        for (int c = 1; c < s.length; c++) {
            if (s[c] > s[best]) {
                best = c;
            }
        }
        return best;
    }

    private static int check(int label, List<String> classes) {
        if (label < 0 || label >= classes.size()) {
            throw new IllegalArgumentException("label " + label + " outside the " + classes.size() + " classes");
        }
        return label;
    }

    public List<String> classes() { return classes; }

    public int samples() { return samples; }

    /** Counts: row = true class, column = predicted class (a copy). */
    public long[][] confusion() {
        long[][] c = new long[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        return c;
    }

    public long correct() {
        long n = 0;
        for (int c = 0; c < confusion.length; c++) {
            n += confusion[c][c];
        }
        return n;
    }

    /** Share of samples classified right; NaN for an empty set. */
    public double accuracy() { return samples == 0 ? Double.NaN : (double) correct() / samples; }

    public boolean hasTopK() { return rankOfTruth != null; }

    /** Share of samples whose true class is among the {@code k} highest scores; needs {@link #fromScores}. */
    public double topK(int k) {
        if (rankOfTruth == null) {
            throw new IllegalStateException("top-k accuracy needs scores, not just predictions");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        long n = 0;
        for (int r : rankOfTruth) {
            n += r < k ? 1 : 0;
        }
        return samples == 0 ? Double.NaN : (double) n / samples;
    }

    /** Samples of class {@code c} in the set. */
    public long support(int c) {
        long n = 0;
        for (long v : confusion[c]) {
            n += v;
        }
        return n;
    }

    /** Samples predicted as class {@code c}. */
    public long predictedCount(int c) {
        long n = 0;
        for (long[] row : confusion) {
            n += row[c];
        }
        return n;
    }

    /** Of the samples predicted as {@code c}, the share that are {@code c}; NaN when none was. */
    public double precision(int c) {
        long p = predictedCount(c);
        return p == 0 ? Double.NaN : (double) confusion[c][c] / p;
    }

    /** Of the samples of class {@code c}, the share predicted as {@code c}; NaN when there are none. */
    public double recall(int c) {
        long s = support(c);
        return s == 0 ? Double.NaN : (double) confusion[c][c] / s;
    }

    /**
     * The plain report. Its first line is {@code accuracy: 0.xxxx} (scripts grep it); then
     * {@code top-K accuracy} for each requested k below the class count, the per-class table and the
     * confusion matrix (rows: true class; columns: predicted, numbered as in the table).
     */
    public String toText(int... topKs) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "accuracy: %.4f%n", accuracy()));
        for (int k : usefulTopKs(topKs)) {
            b.append(String.format(Locale.ROOT, "top-%d accuracy: %.4f%n", k, topK(k)));
        }
        b.append(String.format(Locale.ROOT, "samples: %d (%d right)%n%n", samples, correct()));
        int nameWidth = Math.max(5, classes.stream().mapToInt(String::length).max().orElse(5));
        String row = "%3s  %-" + nameWidth + "s  %9s  %7s  %7s%n";
        b.append(String.format(Locale.ROOT, row, "#", "class", "precision", "recall", "support"));
        for (int c = 0; c < classes.size(); c++) {
            b.append(String.format(Locale.ROOT, row, c, classes.get(c), fixed(precision(c)), fixed(recall(c)), support(c)));
        }
        long max = 1;
        for (long[] r : confusion) {
            for (long v : r) {
                max = Math.max(max, v);
            }
        }
        int w = Math.max(3, Long.toString(max).length());
        b.append(String.format(Locale.ROOT, "%nconfusion matrix (rows: true class, columns: predicted class)%n"));
        b.append(String.format(Locale.ROOT, "%3s ", ""));
        for (int c = 0; c < classes.size(); c++) {
            b.append(String.format(Locale.ROOT, " %" + w + "d", c));
        }
        b.append(System.lineSeparator());
        for (int t = 0; t < classes.size(); t++) {
            b.append(String.format(Locale.ROOT, "%3d ", t));
            for (int p = 0; p < classes.size(); p++) {
                b.append(String.format(Locale.ROOT, " %" + w + "d", confusion[t][p]));
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }

    /**
     * The report as one JSON object: {@code accuracy}, {@code samples}, {@code correct}, {@code top_k}
     * (an object from k to accuracy, when scores were given), {@code classes},
     * {@code per_class} (name, precision, recall, support), {@code confusion} (rows: true class). A
     * command may add its own fields (model, data) before printing it.
     */
    public ObjectNode toJson(int... topKs) {
        ObjectNode o = JSON.createObjectNode();
        o.put("accuracy", accuracy());
        o.put("samples", samples);
        o.put("correct", correct());
        int[] ks = usefulTopKs(topKs);
        if (ks.length > 0) {
            ObjectNode top = o.putObject("top_k");
            for (int k : ks) {
                top.put(Integer.toString(k), topK(k));
            }
        }
        ArrayNode names = o.putArray("classes");
        classes.forEach(names::add);
        ArrayNode per = o.putArray("per_class");
        for (int c = 0; c < classes.size(); c++) {
            ObjectNode e = per.addObject();
            e.put("class", classes.get(c));
            putOrNull(e, "precision", precision(c));
            putOrNull(e, "recall", recall(c));
            e.put("support", support(c));
        }
        ArrayNode m = o.putArray("confusion");
        for (long[] r : confusion) {
            ArrayNode a = m.addArray();
            for (long v : r) {
                a.add(v);
            }
        }
        return o;
    }

    /** {@link #toJson} as one line of text. */
    public static String render(ObjectNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The requested k that say something: scores known, 1 < k < classes. */
    private int[] usefulTopKs(int[] ks) {
        if (rankOfTruth == null) {
            return new int[0];
        }
        return java.util.Arrays.stream(ks).filter(k -> k > 1 && k < classes.size()).distinct().sorted().toArray();
    }

    private static void putOrNull(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    private static String fixed(double v) { return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v); }
}
