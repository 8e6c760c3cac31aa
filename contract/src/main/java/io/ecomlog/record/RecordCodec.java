package io.ecomlog.record;


import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The one description of the record format, shared by the client that writes records and the backend that reads them:
 * a record (Kinesis/Firehose record data, an S3 object, a spool file) is newline-delimited JSON, one event per line,
 * every line ending in {@code \n}, optionally gzip-compressed as a whole (readers tell by the gzip magic bytes; a
 * concatenation of gzip members, as Firehose makes of gzip records, reads as one stream).
 */
public final class RecordCodec {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private RecordCodec() {
    }

    /** The events' JSON lines, each followed by a newline. */
    public static byte[] joinLines(List<EncodedEvent> events) {
        int size = 0;
        for (var e : events) {
            size += e.size() + 1;
        }
        var out = new byte[size];
        int pos = 0;
        for (var e : events) {
            System.arraycopy(e.json(), 0, out, pos, e.size());
            pos += e.size();
            out[pos++] = '\n';
        }
        return out;
    }

    public static byte[] gzip(byte[] raw) {
        var out = new ByteArrayOutputStream(Math.max(64, raw.length / 4));
        try (var gz = new GZIPOutputStream(out, 8192)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return out.toByteArray();
    }

    public static boolean isGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == GZIP_MAGIC_1 && (data[1] & 0xff) == GZIP_MAGIC_2;
    }

    /** Record data as plain NDJSON bytes, decompressing it when it starts with the gzip magic bytes. */
    public static byte[] decompressIfGzip(byte[] data) {
        if (!isGzip(data)) {
            return data;
        }
        try (var in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("record starts with the gzip magic bytes but is not valid gzip", e);
        }
    }

    /** The JSON lines of one record (plain or gzip), without their newlines; blank lines are skipped. */
    public static List<byte[]> lines(byte[] recordData) {
        var lines = new ArrayList<byte[]>();
        forEachLine(recordData, (data, from, to) -> lines.add(Arrays.copyOfRange(data, from, to)));
        return lines;
    }

    /** One line of a record: {@code data[from, to)}, without its newline. */
    @FunctionalInterface
    public interface LineVisitor {
        void line(byte[] data, int from, int to);
    }

    /**
     * Visits the JSON lines of one record (plain or gzip) in place, as {@link #lines(byte[])} splits them, without
     * copying them out.
     */
    public static void forEachLine(byte[] recordData, LineVisitor visitor) {
        byte[] data = decompressIfGzip(recordData);
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == '\n') {
                int end = i;
                if (end > start && data[end - 1] == '\r') {
                    end--;
                }
                if (end > start && !isBlank(data, start, end)) {
                    visitor.line(data, start, end);
                }
                start = i + 1;
            }
        }
    }

    /** The JSON lines of several records (a stream's read-back, the objects under a prefix), in order. */
    public static List<byte[]> lines(Collection<byte[]> records) {
        var lines = new ArrayList<byte[]>();
        for (var record : records) {
            lines.addAll(lines(record));
        }
        return lines;
    }

    private static boolean isBlank(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] != ' ' && data[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
