package org.convkit.spark.io;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/** The bytes of one image row: its {@code content}, or, for a manifest's row, the file read on the executor. */
public final class ImageBytes {
    private final HadoopConf conf;

    public ImageBytes(HadoopConf conf) { this.conf = conf; }

    /** The file's bytes; a missing, unreadable or over-large file throws with the reason. */
    public byte[] of(Row row) throws IOException {
        int content = row.fieldIndex("content");
        if (!row.isNullAt(content)) {
            return (byte[]) row.get(content);
        }
        String name = row.getString(row.fieldIndex("path"));
        if (name == null || name.isEmpty()) {
            throw new InputException("an empty path");
        }
        Path path = new Path(name);
        FileSystem fs = path.getFileSystem(conf.get());
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (java.io.FileNotFoundException e) {
            throw new InputException("no such file");
        }
        if (status.isDirectory()) {
            throw new InputException("a folder, not an image file");
        }
        if (status.getLen() > ConvkitIo.MAX_FILE_BYTES) {
            throw new InputException(ImageRows.TOO_LARGE);
        }
        byte[] bytes = new byte[(int) status.getLen()];
        try (InputStream in = fs.open(path)) {
            int n = in.readNBytes(bytes, 0, bytes.length);
            if (n != bytes.length) {
                throw new InputException("the file shrank while it was read");
            }
        }
        return bytes;
    }
}
