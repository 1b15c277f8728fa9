package org.convkit.spark.io;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The images a job reads, as rows of {@code path}, {@code label}, {@code label_index} and
 * {@code content} (the file's bytes; null when the executor reads the file itself, see
 * {@link ImageBytes}), with the class names and the files refused before reading.
 *
 * @param rows    one row per image
 * @param classes class names, sorted; {@code label_index} indexes them (-1 for an unlabelled row)
 * @param refused {@code path}, {@code reason} of files left out unread (empty, or over convkit's 2 GB)
 */
public record ImageRows(Dataset<Row> rows, List<String> classes, Dataset<Row> refused) {

    /** Why a file was refused before reading, as the CLI's decoder says it. */
    static final String TOO_LARGE = "over 2 GB: convkit reads image files of up to 2 GB";
    static final String EMPTY = "empty file";

    /**
     * A folder of class folders, as {@code convkit features --data} reads one: {@code root/<class>/**},
     * classes sorted by name, hidden entries and files without an image extension left out;
     * {@code root/train} and {@code root/test}, when both are folders, are the two splits.
     */
    public static ImageRows classFolders(SparkSession spark, String data, String split) throws IOException {
        Path given = new Path(data);
        FileSystem fs = given.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path root = fs.makeQualified(given);
        if (!fs.exists(root)) {
            throw new InputException(data + ": no such file or folder");
        }
        if (!fs.getFileStatus(root).isDirectory()) {
            throw new InputException(data + ": not a folder (--data takes a folder of class folders; --manifest a CSV or Parquet list of path,label)");
        }
        Path splitDir = new Path(root, split);
        if (fs.isDirectory(splitDir) && fs.isDirectory(new Path(root, "train".equals(split) ? "test" : "train"))) {
            root = splitDir;
        }
        List<String> classes = new ArrayList<>();
        for (FileStatus s : fs.listStatus(root)) {
            String name = s.getPath().getName();
            if (s.isDirectory() && !name.startsWith(".")) {
                classes.add(name);
            }
        }
        classes.sort(null);
        if (classes.isEmpty()) {
            throw new InputException(data + ": no class folders (expected root/<class>/*.png)");
        }
        String prefix = root.toString() + "/";
        String[] dirs = classes.stream().map(c -> prefix + c).toArray(String[]::new);
        Dataset<Row> listed = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(dirs);
        Dataset<Row> files = listed.filter(imageName(col("path")));
        // the class is the path's first folder below the root
        Column label = element_at(split(substring(col("path"), prefix.length() + 1, Integer.MAX_VALUE), "/"), 1);
        Dataset<Row> labelled = files.withColumn("label", label).withColumn("label_index", labelIndex(col("label"), classes));
        // a length filter reaches the binaryFile source before it reads a byte
        Dataset<Row> rows = labelled.filter(col("length").leq(ConvkitIo.MAX_FILE_BYTES))
                .select(col("path"), col("label"), col("label_index"), col("content"));
        return new ImageRows(rows, List.copyOf(classes), RefusedFiles.of(spark, listed));
    }

    /**
     * Every image below a folder, sub-folders included (hidden ones left out), without labels: what a
     * model is applied to.
     */
    public static ImageRows allImages(SparkSession spark, String data) throws IOException {
        Path given = new Path(data);
        FileSystem fs = given.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path root = fs.makeQualified(given);
        if (!fs.exists(root)) {
            throw new InputException(data + ": no such file or folder");
        }
        Dataset<Row> listed = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(root.toString());
        Dataset<Row> files = listed.filter(imageName(col("path")));
        Dataset<Row> rows = files.filter(col("length").leq(ConvkitIo.MAX_FILE_BYTES))
                .select(col("path"), lit(null).cast(DataTypes.StringType).as("label"), lit(-1).as("label_index"), col("content"));
        return new ImageRows(rows, List.of(), RefusedFiles.of(spark, listed));
    }

    /**
     * A manifest: a CSV file with a header (or a Parquet file or folder) with a column {@code path} and,
     * when {@code needLabels}, {@code label}. Relative paths are relative to the manifest's folder. The
     * executors read the files themselves, so nothing is listed. Rows are spread over
     * {@code partitions} tasks (0: one per thousand images, at least the default parallelism).
     */
    public static ImageRows manifest(SparkSession spark, String manifest, boolean needLabels, int partitions) throws IOException {
        Path given = new Path(manifest);
        FileSystem fs = given.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path file = fs.makeQualified(given);
        if (!fs.exists(file)) {
            throw new InputException(manifest + ": no such file");
        }
        String name = file.getName().toLowerCase(java.util.Locale.ROOT);
        Dataset<Row> m;
        if (name.endsWith(".csv")) {
            m = spark.read().option("header", "true").option("mode", "FAILFAST").csv(file.toString());
        } else if (name.endsWith(".parquet") || fs.getFileStatus(file).isDirectory()) {
            m = spark.read().parquet(file.toString());
        } else {
            throw new InputException(manifest + ": a manifest is a .csv file with a header or a .parquet file or folder");
        }
        List<String> columns = Arrays.asList(m.columns());
        if (!columns.contains("path") || needLabels && !columns.contains("label")) {
            throw new InputException(manifest + ": needs the column" + (needLabels ? "s path and label" : " path") + "; it has " + columns);
        }
        Column labelCol = columns.contains("label") ? col("label").cast(DataTypes.StringType) : lit(null).cast(DataTypes.StringType);
        // a relative path is relative to the manifest, as a shell would read it from the manifest's folder
        String base = file.getParent().toString() + "/";
        Column path = col("path").cast(DataTypes.StringType);
        Column absolute = path.startsWith("/").or(path.rlike("^[A-Za-z][A-Za-z0-9+.-]*:"));
        Dataset<Row> listed = m.select(when(absolute, path).otherwise(concat(lit(base), path)).as("path"), labelCol.as("label"));
        List<String> classes = new ArrayList<>();
        if (columns.contains("label")) {
            for (Row r : listed.select("label").where(col("label").isNotNull()).distinct().collectAsList()) {
                classes.add(r.getString(0));
            }
            classes.sort(null);
        }
        int n = partitions > 0 ? partitions
                : (int) Math.max(spark.sparkContext().defaultParallelism(), Math.min(100_000L, (listed.count() + 999) / 1000));
        Dataset<Row> rows = listed.repartition(n)
                .select(col("path"), col("label"), labelIndex(col("label"), classes).as("label_index"),
                        lit(null).cast(DataTypes.BinaryType).as("content"));
        Dataset<Row> refused = spark.emptyDataFrame().select(lit("").as("path"), lit("").as("reason")).limit(0);
        return new ImageRows(rows, List.copyOf(classes), refused);
    }

    /** Index of the label among the sorted classes, -1 when there is none. */
    private static Column labelIndex(Column label, List<String> classes) {
        if (classes.isEmpty()) {
            return lit(-1);
        }
        Column names = array(classes.stream().map(c -> lit(c)).toArray(Column[]::new));
        return array_position(names, label).cast(DataTypes.IntegerType).minus(1);
    }

    /**
     * Whether the path's file name has an image extension (the class-folder reader's list, any case): a
     * case-insensitive pattern, as Spark's lower() case-maps through ICU, which costs more per file than
     * reading a small image.
     */
    private static Column imageName(Column path) {
        return path.rlike("(?i)/[^/]+\\.(" + String.join("|", new java.util.TreeSet<>(ConvkitIo.imageExtensions())) + ")$");
    }
}
