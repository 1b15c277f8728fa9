package org.convkit.spark.features;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.convkit.cli.features.FeatureOptions;
import org.convkit.spark.io.ConvkitIo;
import org.convkit.spark.io.HadoopConf;
import org.convkit.spark.io.ImageBytes;
import org.convkit.spark.jobs.Failures;
import org.convkit.spark.jobs.TaskThreads;

/**
 * One task's work: decodes each image row and extracts its feature vector, with one extractor per
 * partition and convkit on one thread (Spark runs a task per core). A row that fails keeps its
 * {@code error} and no features; the failure is counted.
 */
public final class ExtractFeatures implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** The rows out: the features output's columns and {@code error}. */
    public static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("label", DataTypes.StringType, true)
            .add("label_index", DataTypes.IntegerType, true)
            .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("error", DataTypes.StringType, true);

    private final FeatureArgs args;
    private final HadoopConf conf;
    private final Failures failures;

    public ExtractFeatures(FeatureArgs args, HadoopConf conf, Failures failures) {
        this.args = args;
        this.conf = conf;
        this.failures = failures;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        FeatureOptions.SampleFeatures extractor = args.parse().build();
        ImageBytes bytes = new ImageBytes(conf);
        return TaskThreads.singleThreaded(new Iterator<>() {
            @Override
            public boolean hasNext() { return rows.hasNext(); }

            @Override
            public Row next() {
                Row in = rows.next();
                String path = in.getString(in.fieldIndex("path"));
                String label = in.getString(in.fieldIndex("label"));
                Integer labelIndex = in.isNullAt(in.fieldIndex("label_index")) ? null : in.getInt(in.fieldIndex("label_index"));
                try {
                    float[] features = extractor.extract(ConvkitIo.decode(bytes.of(in)));
                    failures.done();
                    return RowFactory.create(path, label, labelIndex, features, null);
                } catch (Exception | OutOfMemoryError e) { // one image's failure, as the CLI's batches report it
                    String reason = ConvkitIo.reason(e);
                    failures.failed(path, reason);
                    return RowFactory.create(path, label, labelIndex, null, reason);
                }
            }
        });
    }
}
