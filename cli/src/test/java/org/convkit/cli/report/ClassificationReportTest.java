package org.convkit.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics against counts worked out by hand, and both renderings. */
class ClassificationReportTest {
    private static final List<String> CLASSES = List.of("cat", "dog", "owl");
    //                      truth: cat cat cat dog dog owl
    private static final int[] TRUTH = {0, 0, 0, 1, 1, 2};
    private static final float[][] SCORES = {
        {3, 1, 0},  // cat, right
        {1, 2, 0},  // dog (cat second)
        {0, 1, 2},  // owl (cat third)
        {0, 5, 1},  // dog, right
        {2, 1, 0},  // cat (dog second)
        {1, 1, 1},  // a tie: the first class, cat (owl third)
    };

    @Test
    void countsPrecisionRecallAndTopK() {
        ClassificationReport r = ClassificationReport.fromScores(CLASSES, TRUTH, SCORES);
        assertArrayEquals(new long[] {1, 1, 1}, r.confusion()[0]);
        assertArrayEquals(new long[] {1, 1, 0}, r.confusion()[1]);
        assertArrayEquals(new long[] {1, 0, 0}, r.confusion()[2]);
        assertEquals(2.0 / 6, r.accuracy(), 1e-12);
        assertEquals(1.0 / 3, r.precision(0), 1e-12); // predicted cat: samples 0, 4, 5
        assertEquals(1.0 / 3, r.recall(0), 1e-12);
        assertEquals(1.0 / 2, r.precision(1), 1e-12);
        assertEquals(0.0, r.precision(2), 1e-12);     // predicted owl once, wrongly
        assertEquals(0.0, r.recall(2), 1e-12);
        assertEquals(4.0 / 6, r.topK(2), 1e-12);      // samples 0, 1, 3, 4
        assertEquals(1.0, r.topK(3), 1e-12);
        assertEquals(r.accuracy(), r.topK(1), 1e-12);
    }

    @Test
    void undefinedPrecisionIsShownAsSuch() {
        ClassificationReport r = ClassificationReport.fromPredictions(CLASSES, new int[] {0, 1}, new int[] {0, 0});
        assertTrue(Double.isNaN(r.precision(1)));   // nobody predicted dog
        assertTrue(Double.isNaN(r.recall(2)));      // no owl in the set
        assertThrows(IllegalStateException.class, () -> r.topK(2));
        JsonNode owl = r.toJson(2).get("per_class").get(2);
        assertTrue(owl.get("recall").isNull());
        assertTrue(r.toText().lines().anyMatch(l -> l.matches("\\s*2\\s+owl\\s+-\\s+-\\s+0")), r.toText());
    }

    @Test
    void textStartsWithAccuracyAndJsonHoldsTheSameNumbers() throws Exception {
        ClassificationReport r = ClassificationReport.fromScores(CLASSES, TRUTH, SCORES);
        String text = r.toText(2, 5);
        assertEquals("accuracy: 0.3333", text.lines().findFirst().orElseThrow());
        assertEquals("top-2 accuracy: 0.6667", text.lines().skip(1).findFirst().orElseThrow()); // 5 >= 3 classes: left out
        JsonNode j = new ObjectMapper().readTree(ClassificationReport.render(r.toJson(2, 5)));
        assertEquals(2.0 / 6, j.get("accuracy").asDouble(), 1e-12);
        assertEquals(6, j.get("samples").asInt());
        assertEquals(2.0 / 3, j.get("top_k").get("2").asDouble(), 1e-12);
        assertEquals(1, j.get("top_k").size());
        assertEquals("dog", j.get("classes").get(1).asText());
        assertEquals(3, j.get("confusion").get(0).size());
        assertEquals(1, j.get("confusion").get(2).get(0).asInt());
        assertEquals(0.5, j.get("per_class").get(1).get("precision").asDouble(), 1e-12);
    }

    @Test
    void labelsOutsideTheClassesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationReport.fromPredictions(CLASSES, new int[] {3}, new int[] {0}));
    }
}
