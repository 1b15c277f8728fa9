package org.convkit.io.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes safetensors files byte by byte, as a hostile or damaged file would be, bypassing every check
 * of {@link SafeTensors#write}: any header text, any declared header length, any data.
 */
public final class RawSafeTensors {
    private RawSafeTensors() {}

    /** {@code header} (JSON text, unchecked) after its true length, then {@code data}. */
    public static Path write(Path file, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return write(file, h.length, h, data);
    }

    /** A declared header length (true or not), then the header's bytes, then {@code data}. */
    public static Path write(Path file, long declaredLength, byte[] header, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredLength).put(header).put(data);
        Files.write(file, b.array());
        return file;
    }

    /** One tensor's header entry: {@code "name":{"dtype":..,"shape":[..],"data_offsets":[b,e]}}. */
    public static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + shape + "],\"data_offsets\":[" + begin + "," + end + "]}";
    }
}
