package org.convkit.spark.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.ImageEncoder;
import org.convkit.io.image.OutputFormat;
import org.convkit.io.image.SampleDepth;
import org.convkit.filters.Filter;
import org.convkit.filters.border.Border;
import org.convkit.spark.io.ConvkitIo;
import org.convkit.spark.io.HadoopConf;
import org.convkit.spark.io.ImageBytes;
import org.convkit.spark.jobs.Failures;
import org.convkit.spark.jobs.TaskThreads;

/**
 * One task of the filter job: each image decoded, filtered channel by channel (alpha kept), encoded as
 * {@code convkit filter} encodes it, and written to a hidden temporary file beside its target, then
 * renamed onto it, so that a target is either absent or whole. A target that exists is left alone
 * unless {@code --overwrite}.
 */
final class FilterPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("output", DataTypes.StringType, true)
            .add("error", DataTypes.StringType, true);

    private final FilterSettings settings;
    private final String inputRoot;
    private final String outputRoot;
    private final boolean overwrite;
    private final Set<String> clashing;
    private final HadoopConf conf;
    private final Failures failures;

    FilterPartition(FilterSettings settings, String inputRoot, String outputRoot, boolean overwrite, Set<String> clashing,
                    HadoopConf conf, Failures failures) {
        this.settings = settings;
        this.inputRoot = inputRoot;
        this.outputRoot = outputRoot;
        this.overwrite = overwrite;
        this.clashing = clashing;
        this.conf = conf;
        this.failures = failures;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Filter filter = settings.filter();
        Border border = settings.borderRule();
        ImageBytes bytes = new ImageBytes(conf);
        return TaskThreads.singleThreaded(new Iterator<>() {
            @Override
            public boolean hasNext() { return rows.hasNext(); }

            @Override
            public Row next() {
                Row in = rows.next();
                String path = in.getString(in.fieldIndex("path"));
                String relative = path.substring(inputRoot.length());
                Path target = new Path(outputRoot, settings.target(relative));
                try {
                    if (clashing.contains(path)) {
                        throw new IOException("its output " + target + " is also another input's; rename one of them");
                    }
                    DecodedImage img = ConvkitIo.decode(bytes.of(in));
                    DecodedImage result = img.withImage(img.image().map(p -> filter.apply(p, border)));
                    OutputFormat of = settings.formatFor(relative.substring(relative.lastIndexOf('/') + 1));
                    SampleDepth d = ImageEncoder.depthFor(of, settings.sampleDepth(), img.depth());
                    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
                    ImageEncoder.write(result, of, d, settings.range(), encoded);
                    write(target, encoded);
                    failures.done();
                    return RowFactory.create(path, target.toString(), null);
                } catch (Exception | OutOfMemoryError e) {
                    String reason = ConvkitIo.reason(e);
                    failures.failed(path, reason);
                    return RowFactory.create(path, null, reason);
                }
            }
        });
    }

    /** Temporary file, then rename: readers never see half an image; an existing target stays unless --overwrite. */
    private void write(Path target, ByteArrayOutputStream encoded) throws IOException {
        FileSystem fs = target.getFileSystem(conf.get());
        if (fs instanceof LocalFileSystem local) {
            fs = local.getRawFileSystem(); // no .crc file beside each image, which convkit filter does not write either
        }
        if (!overwrite && fs.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; --overwrite replaces it");
        }
        fs.mkdirs(target.getParent());
        Path temp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = fs.create(temp, false)) {
                encoded.writeTo(out);
            }
            if (overwrite) {
                fs.delete(target, false);
            }
            if (!fs.rename(temp, target)) {
                throw new FileAlreadyExistsException(target.toString(), null, "exists; --overwrite replaces it");
            }
        } finally {
            fs.delete(temp, false);
        }
    }
}
