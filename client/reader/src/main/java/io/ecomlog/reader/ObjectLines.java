package io.ecomlog.reader;

import io.ecomlog.record.RecordCodec;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams the lines of an object — an S3 object, a lake file, an uploaded log — of any size: plain or gzip
 * (detected by the magic bytes, as {@link RecordCodec} defines the format; concatenated gzip members read as one
 * stream), split at {@code \n} with a trailing {@code \r} removed, blank lines (only spaces and tabs) skipped.
 * Memory stays bounded by the buffer and {@code maxLineBytes}: a longer line is returned cut, marked
 * {@link Line#tooLong()}, and the rest of it is skipped. A gzip stream that breaks off (a truncated upload) ends the lines early and says so in
 * {@link #brokenGzip()}: the lines before the break are kept. Other I/O errors (a dropped connection) propagate,
 * so the caller's retry reads the object again. Not thread-safe.
 */
public final class ObjectLines implements Closeable {

    /** The default bound of one line: the client never writes a line over 1 MiB (a record's limit). */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final int maxLineBytes;
    private final boolean gzip;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean end;
    private byte[] pending = new byte[256];
    private int pendingLength;
    private boolean pendingTooLong;
    private long lineNumber;
    private long bytesRead;
    private String brokenGzip;

    /** One line: its number in the object (from 1, blank lines counted), its bytes, whether it was cut. */
    public record Line(long number, byte[] bytes, boolean tooLong) {
    }

    private ObjectLines(InputStream in, boolean gzip, int maxLineBytes) {
        this.in = in;
        this.gzip = gzip;
        this.maxLineBytes = maxLineBytes;
    }

    /** Opens the object's lines, reading the first two bytes to tell gzip from plain text. */
    public static ObjectLines open(InputStream raw, int maxLineBytes) throws IOException {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
        }
        var buffered = new BufferedInputStream(raw, BUFFER);
        buffered.mark(2);
        byte[] head = buffered.readNBytes(2);
        buffered.reset();
        if (RecordCodec.isGzip(head)) {
            try {
                return new ObjectLines(new GZIPInputStream(buffered, BUFFER), true, maxLineBytes);
            } catch (ZipException | EOFException e) {
                var lines = new ObjectLines(InputStream.nullInputStream(), true, maxLineBytes);
                lines.brokenGzip = "gzip header unreadable: " + e.getMessage();
                return lines;
            }
        }
        return new ObjectLines(buffered, false, maxLineBytes);
    }

    public static ObjectLines open(InputStream raw) throws IOException {
        return open(raw, DEFAULT_MAX_LINE_BYTES);
    }

    /** The next non-blank line, or null at the end of the object (or where its gzip stream broke off). */
    public Line next() throws IOException {
        while (true) {
            if (pos == limit && !fill()) {
                return pendingLength > 0 || pendingTooLong ? emit() : null;
            }
            int newline = indexOf(buf, pos, limit);
            int stop = newline < 0 ? limit : newline;
            append(pos, stop);
            pos = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                Line line = emit();
                if (line != null) {
                    return line;
                }
            }
        }
    }

    /** Whether the object was gzip. */
    public boolean isGzip() {
        return gzip;
    }

    /** Why the gzip stream broke off before its end, or null if it did not. */
    public String brokenGzip() {
        return brokenGzip;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        if (end) {
            return false;
        }
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (ZipException | EOFException e) {
            if (!gzip) {
                throw e;
            }
            brokenGzip = "gzip stream broken after " + bytesRead + " bytes: " + e.getMessage();
            n = -1;
        }
        if (n < 0) {
            end = true;
            return false;
        }
        pos = 0;
        limit = n;
        bytesRead += n;
        return true;
    }

    private void append(int from, int to) {
        int room = maxLineBytes - pendingLength;
        int n = Math.min(to - from, room);
        if (n < to - from) {
            pendingTooLong = true;
        }
        if (n > 0) {
            if (pendingLength + n > pending.length) {
                pending = Arrays.copyOf(pending, Math.min(maxLineBytes, Math.max(pending.length * 2,
                        pendingLength + n)));
            }
            System.arraycopy(buf, from, pending, pendingLength, n);
            pendingLength += n;
        }
    }

    /** The pending line as a {@link Line}, or null when it is blank; resets the pending state. */
    private Line emit() {
        lineNumber++;
        int length = pendingLength;
        if (!pendingTooLong && length > 0 && pending[length - 1] == '\r') {
            length--;
        }
        boolean tooLong = pendingTooLong;
        pendingLength = 0;
        pendingTooLong = false;
        if (!tooLong && isBlank(pending, length)) {
            return null;
        }
        return new Line(lineNumber, Arrays.copyOf(pending, length), tooLong);
    }

    private static int indexOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
