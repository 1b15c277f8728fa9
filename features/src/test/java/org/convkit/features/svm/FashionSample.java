package org.convkit.features.svm;

import java.io.IOException;
import org.convkit.features.sift.ReferenceFiles;
import org.convkit.io.data.DataSet;
import org.convkit.io.data.DataSets;
import org.convkit.io.data.Split;

/** The Fashion-MNIST sample of {@code testdata/fashion-mnist-sample}, read by io's IDX reader, as rows of pixels (0..255). */
record FashionSample(int count, int rows, int cols, float[][] pixels, int[] labels) {

    static FashionSample load(String split) throws IOException {
        try (DataSet data = DataSets.open(ReferenceFiles.testdata("fashion-mnist-sample"), split.equals("train") ? Split.TRAIN : Split.TEST)) {
            int n = data.size();
            float[][] px = new float[n][];
            int[] labels = new int[n];
            int rows = 0, cols = 0;
            for (int i = 0; i < n; i++) {
                var image = data.get(i).image();
                px[i] = image.image().channel(0).data();
                labels[i] = data.label(i);
                rows = image.height();
                cols = image.width();
            }
            return new FashionSample(n, rows, cols, px, labels);
        }
    }
}
