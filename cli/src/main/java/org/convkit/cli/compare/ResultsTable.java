package org.convkit.cli.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The comparison as a table, in three renderings with the same columns: Markdown (terminal and
 * results.md), CSV and JSON (scripts). Published figures, where known, sit in their own column with
 * their source under the table, never mixed with measured ones.
 */
final class ResultsTable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<PipelineResult> rows;
    private final String setting;

    /** {@code setting}: one line saying what the pipelines were trained and tested on. */
    ResultsTable(List<PipelineResult> rows, String setting) {
        this.rows = List.copyOf(rows);
        this.setting = setting;
    }

    private static Optional<PublishedReference> reference(PipelineResult r) { return PublishedReference.of(r.which(), r.classes()); }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| pipeline | kind | features / parameters | training (s) | inference (images/s) | accuracy | published |\n");
        b.append("|---|---|---:|---:|---:|---:|---|\n");
        boolean anyReference = false;
        for (PipelineResult r : rows) {
            Optional<PublishedReference> ref = reference(r);
            anyReference |= ref.isPresent();
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %,.0f | %.4f | %s |%n", r.pipeline(), r.kind(), r.sizeText(),
                    r.trainSeconds(), r.imagesPerSecond(), r.accuracy(),
                    ref.map(x -> String.format(Locale.ROOT, "%.3f (%s)*", x.accuracy(), x.method())).orElse("")));
        }
        b.append('\n').append(setting).append('\n');
        if (anyReference) {
            b.append("* published, on the full 60,000 / 10,000 split: ").append(PublishedReference.SOURCE).append('\n');
        }
        return b.toString();
    }

    String csv() {
        StringBuilder b = new StringBuilder("pipeline,kind,description,size,size_unit,train_seconds,images_per_second,accuracy,"
                + "test_images,published_accuracy,published_method,published_source\n");
        for (PipelineResult r : rows) {
            Optional<PublishedReference> ref = reference(r);
            b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%.3f,%.1f,%.6f,%d,%s,%s,%s%n", r.pipeline(), r.kind(), quote(r.description()),
                    r.size(), r.kind().equals("shallow") ? "features" : "parameters", r.trainSeconds(), r.imagesPerSecond(), r.accuracy(),
                    r.testImages(), ref.map(x -> String.format(Locale.ROOT, "%.3f", x.accuracy())).orElse(""),
                    ref.map(x -> quote(x.method())).orElse(""), ref.isPresent() ? quote(PublishedReference.SOURCE) : ""));
        }
        return b.toString();
    }

    String json() {
        ObjectNode o = JSON.createObjectNode();
        o.put("setting", setting);
        ArrayNode a = o.putArray("pipelines");
        for (PipelineResult r : rows) {
            ObjectNode e = a.addObject();
            e.put("pipeline", r.pipeline());
            e.put("kind", r.kind());
            e.put("description", r.description());
            e.put(r.kind().equals("shallow") ? "features" : "parameters", r.size());
            e.put("train_seconds", r.trainSeconds());
            e.put("images_per_second", r.imagesPerSecond());
            e.put("accuracy", r.accuracy());
            e.put("test_images", r.testImages());
            e.put("model", r.model());
            reference(r).ifPresent(x -> {
                ObjectNode p = e.putObject("published");
                p.put("accuracy", x.accuracy());
                p.put("method", x.method());
                p.put("source", PublishedReference.SOURCE);
            });
            ArrayNode m = e.putArray("confusion");
            for (long[] row : r.confusion()) {
                ArrayNode ra = m.addArray();
                for (long v : row) {
                    ra.add(v);
                }
            }
        }
        if (!rows.isEmpty()) {
            ArrayNode c = o.putArray("classes");
            rows.getFirst().classes().forEach(c::add);
        }
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String render(String format) {
        return switch (format) {
            case "csv" -> csv();
            case "json" -> json();
            default -> markdown();
        };
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
