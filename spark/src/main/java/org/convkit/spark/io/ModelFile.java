package org.convkit.spark.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.broadcast.Broadcast;

/**
 * A model file on its way to the executors: read once on the driver from any Hadoop path, broadcast as
 * bytes (so each executor fetches it once), and written to one local file per executor JVM, which the
 * CLI's model readers load.
 */
public final class ModelFile {
    private static final Map<Long, Path> LOCAL = new ConcurrentHashMap<>();

    private ModelFile() {}

    /** The bytes of {@code path}, refused when over {@link ConvkitIo#MAX_FILE_BYTES}. */
    public static byte[] read(String path, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) {
            throw new InputException(path + ": no such file");
        }
        long length = fs.getFileStatus(p).getLen();
        if (fs.getFileStatus(p).isDirectory() || length > ConvkitIo.MAX_FILE_BYTES) {
            throw new InputException(path + ": " + (length > ConvkitIo.MAX_FILE_BYTES ? "over 2 GB" : "a folder, not a model file"));
        }
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /** This JVM's local copy of a broadcast model file. */
    public static Path local(Broadcast<byte[]> model) throws IOException {
        Path p = LOCAL.get(model.id());
        if (p == null) {
            synchronized (LOCAL) {
                p = LOCAL.get(model.id());
                if (p == null) {
                    p = Files.createTempFile("convkit-model-", ".safetensors");
                    p.toFile().deleteOnExit();
                    Files.write(p, model.value());
                    LOCAL.put(model.id(), p);
                }
            }
        }
        return p;
    }
}
