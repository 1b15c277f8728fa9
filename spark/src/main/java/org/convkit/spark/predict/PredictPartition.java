package org.convkit.spark.predict;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.convkit.cli.baseline.BaselineModel;
import org.convkit.cli.cnn.CnnModel;
import org.convkit.spark.io.ConvkitIo;
import org.convkit.spark.io.ConvkitModels;
import org.convkit.spark.io.HadoopConf;
import org.convkit.spark.io.ImageBytes;
import org.convkit.spark.io.ModelFile;
import org.convkit.spark.jobs.Failures;
import org.convkit.spark.jobs.TaskThreads;

/**
 * One task of the predict job: the model loaded once per partition from the executor's copy, convkit on
 * one thread, images decoded and scored as {@code convkit baseline predict} or {@code convkit cnn predict}
 * does (a network in batches of the CLI's size). Each image gives its best class and that class's score
 * (an SVM margin, or a network's probability); a failure keeps its {@code error}.
 */
public final class PredictPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    public static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("class", DataTypes.StringType, true)
            .add("score", DataTypes.FloatType, true)
            .add("error", DataTypes.StringType, true);

    private final Broadcast<byte[]> model;
    private final ConvkitModels.Kind kind;
    private final HadoopConf conf;
    private final Failures failures;

    public PredictPartition(Broadcast<byte[]> model, ConvkitModels.Kind kind, HadoopConf conf, Failures failures) {
        this.model = model;
        this.kind = kind;
        this.conf = conf;
        this.failures = failures;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws Exception {
        ImageBytes bytes = new ImageBytes(conf);
        Scorer scorer = kind == ConvkitModels.Kind.BASELINE ? new BaselineScorer(ConvkitModels.baseline(ModelFile.local(model)))
                : new CnnScorer(ConvkitModels.cnn(ModelFile.local(model)));
        return TaskThreads.singleThreaded(new Iterator<>() {
            private final List<Row> ready = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                if (next == ready.size() && rows.hasNext()) {
                    ready.clear();
                    next = 0;
                    scorer.score(rows, bytes, ready);
                }
                return next < ready.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.get(next++);
            }
        });
    }

    /** Scores the next rows of a partition (one or a batch) into {@code out}. */
    private interface Scorer {
        void score(Iterator<Row> rows, ImageBytes bytes, List<Row> out);
    }

    private Row failed(String path, Throwable e) {
        String reason = ConvkitIo.reason(e);
        failures.failed(path, reason);
        return RowFactory.create(path, null, null, reason);
    }

    private Row done(String path, String label, float score) {
        failures.done();
        return RowFactory.create(path, label, score, null);
    }

    private final class BaselineScorer implements Scorer {
        private final BaselineModel model;

        BaselineScorer(BaselineModel model) { this.model = model; }

        @Override
        public void score(Iterator<Row> rows, ImageBytes bytes, List<Row> out) {
            Row in = rows.next();
            String path = in.getString(in.fieldIndex("path"));
            try {
                float[] s = ConvkitModels.scores(model, ConvkitIo.decode(bytes.of(in)));
                int c = ConvkitModels.best(s);
                out.add(done(path, model.classes().get(c), s[c]));
            } catch (Exception | OutOfMemoryError e) {
                out.add(failed(path, e));
            }
        }
    }

    private final class CnnScorer implements Scorer {
        private final CnnModel model;
        private final int batch;

        CnnScorer(CnnModel model) {
            this.model = model;
            this.batch = ConvkitModels.batch(model.network());
        }

        @Override
        public void score(Iterator<Row> rows, ImageBytes bytes, List<Row> out) {
            List<String> paths = new ArrayList<>();
            List<float[]> inputs = new ArrayList<>();
            while (rows.hasNext() && inputs.size() < batch) {
                Row in = rows.next();
                String path = in.getString(in.fieldIndex("path"));
                try {
                    inputs.add(ConvkitModels.input(model, ConvkitIo.decode(bytes.of(in))));
                    paths.add(path);
                } catch (Exception | OutOfMemoryError e) {
                    out.add(failed(path, e));
                }
            }
            if (inputs.isEmpty()) {
                return;
            }
            float[][] p = ConvkitModels.probabilities(model, inputs);
            for (int i = 0; i < p.length; i++) {
                int c = ConvkitModels.best(p[i]);
                out.add(done(paths.get(i), model.classes().get(c), p[i][c]));
            }
        }
    }
}
