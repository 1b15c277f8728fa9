package org.convkit.io.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.io.model.SafeTensors.DType;

/**
 * A safetensors header read and checked against the file before any tensor is allocated, with the rules
 * of Hugging Face's reference reader: the header length is at most {@value #MAX_HEADER_MB} MB and inside
 * the file; the header is UTF-8 JSON, an object whose {@code __metadata__} maps strings to strings and
 * whose other entries each give a known dtype, a shape of non-negative integers and two data offsets;
 * each tensor's byte range is exactly its shape's element count times its dtype's size; and the ranges,
 * taken in offset order, start at 0, follow one another without gap or overlap and end exactly at the
 * end of the file. All sizes are computed without wrapping, so the tensors together never claim more
 * memory than the file has bytes.
 */
record SafeTensorsHeader(Map<String, String> metadata, List<Entry> entries, long dataStart) {
    static final int MAX_HEADER_MB = 100;
    /** Larger headers than this are taken as a foreign or corrupt file rather than read. */
    static final long MAX_HEADER_BYTES = (long) MAX_HEADER_MB << 20;
    /** The largest tensor a Java array can hold. */
    static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** One tensor's place in the data section (offsets relative to its start), in header order. */
    record Entry(String name, DType dtype, long[] shape, long begin, long end) {
        long bytes() { return end - begin; }
    }

    /**
     * The header's declared length (the file's first 8 bytes, little-endian, unsigned) checked against
     * the file's real size; returns it.
     */
    static long checkLength(long declared, long fileSize) throws ModelFormatException {
        if (declared < 0 || declared > MAX_HEADER_BYTES) {
            throw new ModelFormatException("not a safetensors model file (header length " + Long.toUnsignedString(declared)
                    + " is over the " + MAX_HEADER_MB + " MB limit)");
        }
        if (declared < 2 || 8 + declared > fileSize) {
            throw new ModelFormatException("not a safetensors model file (header length " + declared + " does not fit a file of "
                    + fileSize + " bytes)");
        }
        return declared;
    }

    /** Parses and checks {@code header} (the bytes after the length) of a file of {@code fileSize} bytes. */
    static SafeTensorsHeader parse(byte[] header, long fileSize) throws ModelFormatException {
        JsonNode root = json(header);
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                metadata(e.getValue(), metadata);
            } else {
                entries.add(entry(e.getKey(), e.getValue()));
            }
        }
        long dataStart = 8L + header.length;
        checkLayout(entries, fileSize - dataStart);
        for (Entry e : entries) {
            if (e.bytes() > MAX_TENSOR_BYTES) {
                throw new ModelFormatException("tensor '" + e.name() + "' is too large to load (" + e.bytes() + " bytes)");
            }
        }
        return new SafeTensorsHeader(metadata, entries, dataStart);
    }

    private static JsonNode json(byte[] header) throws ModelFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException("not a safetensors model file (its header is not UTF-8 text)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("not a safetensors model file (its header is not JSON"
                    + (e.getMessage() != null && e.getMessage().startsWith("Duplicate field") ? ": a name appears twice" : "") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException("not a safetensors model file (its header is not a JSON object)");
        }
        return root;
    }

    private static void metadata(JsonNode node, Map<String, String> into) throws ModelFormatException {
        if (!node.isObject()) {
            throw new ModelFormatException("the header's __metadata__ is not a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (!m.getValue().isTextual()) {
                throw new ModelFormatException("metadata entry '" + m.getKey() + "' is not a string");
            }
            into.put(m.getKey(), m.getValue().textValue());
        }
    }

    private static Entry entry(String name, JsonNode node) throws ModelFormatException {
        if (!node.isObject()) {
            throw new ModelFormatException("tensor '" + name + "' is not described by a JSON object");
        }
        JsonNode dtypeNode = node.path("dtype");
        DType dtype;
        try {
            dtype = DType.valueOf(dtypeNode.asText());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("tensor '" + name + "' has dtype '" + dtypeNode.asText()
                    + "', which convkit does not read (F32, F64, I64, I32, U8)");
        }
        JsonNode shapeNode = node.path("shape");
        JsonNode offsets = node.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new ModelFormatException("tensor '" + name + "' lacks a shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = nonNegative(shapeNode.get(i), name, "a dimension");
        }
        long begin = nonNegative(offsets.get(0), name, "a data offset");
        long end = nonNegative(offsets.get(1), name, "a data offset");
        if (end < begin) {
            throw new ModelFormatException("tensor '" + name + "' has data_offsets [" + begin + ", " + end + "] that end before they begin");
        }
        long needed;
        try {
            needed = Math.multiplyExact(SafeTensors.elementCount(shape), dtype.bytes);
        } catch (ArithmeticException e) {
            throw new ModelFormatException("tensor '" + name + "' has a shape " + java.util.Arrays.toString(shape)
                    + " whose size does not fit 64 bits");
        }
        if (end - begin != needed) {
            throw new ModelFormatException("tensor '" + name + "' has data_offsets [" + begin + ", " + end + "] (" + (end - begin)
                    + " bytes) but its shape " + java.util.Arrays.toString(shape) + " of " + dtype + " needs " + needed + " bytes");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long nonNegative(JsonNode n, String tensor, String what) throws ModelFormatException {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw new ModelFormatException("tensor '" + tensor + "' has " + what + " that is not a non-negative 64-bit integer: " + n);
        }
        return n.longValue();
    }

    /** In offset order the byte ranges must tile the data section exactly: from 0, no gap, no overlap, nothing after. */
    private static void checkLayout(List<Entry> entries, long dataSize) throws ModelFormatException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long next = 0;
        Entry previous = null;
        for (Entry e : byOffset) {
            if (e.begin() < next) {
                throw new ModelFormatException("tensor '" + e.name() + "' (bytes " + e.begin() + " to " + e.end() + ") overlaps tensor '"
                        + previous.name() + "' (bytes " + previous.begin() + " to " + previous.end() + ")");
            }
            if (e.begin() > next) {
                throw new ModelFormatException("a gap of " + (e.begin() - next) + " bytes before tensor '" + e.name()
                        + "' (data_offsets must follow one another)");
            }
            next = e.end();
            previous = e;
        }
        if (next > dataSize) {
            throw new ModelFormatException("model file is truncated: its tensors need " + next + " bytes of data, the file holds "
                    + Math.max(0, dataSize));
        }
        if (next < dataSize) {
            throw new ModelFormatException((dataSize - next) + " bytes follow the last tensor (damaged, or not a safetensors file)");
        }
    }
}
