package org.convkit.cli.compare;

import java.util.List;
import java.util.Map;

/**
 * One row of the comparison, with what --resume needs to trust it later: the arguments it was made
 * with ({@code fingerprint}) and the data it was trained and tested on.
 *
 * @param size          feature dimension (shallow: the SVM's input) or parameter count (deep)
 * @param trainSeconds  wall time of the training command, reading the images included
 * @param imagesPerSecond test images per second of the evaluation command (its own timing),
 *                      reading and (shallow) feature extraction included, model loading not
 */
record PipelineResult(String pipeline, String kind, String description, long size, double trainSeconds,
                      double imagesPerSecond, double accuracy, int testImages, String model, List<String> classes,
                      long[][] confusion, String data, String testData, Map<String, String> fingerprint) {

    Pipeline which() { return Pipeline.parse(pipeline); }

    /** "1,296 features" or "61,706 parameters". */
    String sizeText() {
        return String.format(java.util.Locale.ROOT, "%,d %s", size, kind.equals(Kind.SHALLOW.label()) ? "features" : "parameters");
    }
}
