package org.convkit.spark.ml;

import static org.apache.spark.ml.functions.array_to_vector;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.convkit.spark.Fixtures;
import org.convkit.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The features job's Parquet trains Spark ML's multinomial logistic regression with nothing to convert
 * but {@code array_to_vector} (the README's recipe), and on the Fashion-MNIST sample it reaches within
 * 0.02 of {@code convkit baseline train --features hog}'s test accuracy.
 */
class SparkMlStepTest {
    @TempDir
    Path tmp;

    @Test
    void logisticRegressionOnTheFeaturesParquetMatchesTheBaseline() throws IOException {
        SparkSession spark = SharedSpark.get();
        Path data = Fixtures.fashionSplits();
        String[] hog = {"--type", "hog", "--cell", "4", "--block", "2", "--block-norm", "L1-sqrt"};
        Path train = tmp.resolve("hog-train");
        Path test = tmp.resolve("hog-test");
        assertEquals(0, Fixtures.job(concat(new String[] {"features", "--data", data.toString(), "--split", "train", "-o", train.toString()}, hog)).exitCode());
        assertEquals(0, Fixtures.job(concat(new String[] {"features", "--data", data.toString(), "--split", "test", "-o", test.toString()}, hog)).exitCode());

        // regParam 1/(C n) with C = 0.01 on 3,000 images; Spark standardises the features itself;
        // 60 L-BFGS iterations already give the accuracy of convergence (bench/RESULTS.md), in a fraction of the time
        LogisticRegression lr = new LogisticRegression().setFeaturesCol("x").setLabelCol("label_index")
                .setRegParam(1.0 / (0.01 * 3000)).setMaxIter(60);
        LogisticRegressionModel model = lr.fit(vectors(spark.read().parquet(train.toString())));
        double accuracy = new MulticlassClassificationEvaluator().setLabelCol("label_index").setMetricName("accuracy")
                .evaluate(model.transform(vectors(spark.read().parquet(test.toString()))));

        Path cvb = Fixtures.baselineModel();
        Fixtures.Run eval = Fixtures.cli("baseline", "eval", "--model", cvb.toString(), "--data", Fixtures.FASHION.toString(), "--split", "test");
        Matcher m = Pattern.compile("accuracy: ([0-9.]+)").matcher(eval.stdout());
        assertTrue(m.find(), eval.stdout());
        double baseline = Double.parseDouble(m.group(1));
        System.err.printf("Spark ML logistic regression %.4f, convkit baseline %.4f%n", accuracy, baseline);
        assertEquals(baseline, accuracy, 0.02);
    }

    private static Dataset<Row> vectors(Dataset<Row> features) {
        return features.withColumn("x", array_to_vector(col("features"))).withColumn("label_index", col("label_index").cast("double"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
