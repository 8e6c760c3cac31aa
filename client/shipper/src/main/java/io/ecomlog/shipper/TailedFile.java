package io.ecomlog.shipper;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One file being tailed, through a channel held open: after a rename (rotation) or a delete the rest of the file is
 * still read from it. Its identity is the file key (device and inode) and, once known, the {@link Fingerprint} of its
 * first line. {@link #position()} is always the start of a line: everything before it was taken by the client.
 * Not thread-safe: one shipper loop owns it.
 */
final class TailedFile implements Closeable {

    private static final int CHUNK = 64 * 1024;
    /** Bytes of lines one read returns at most, so that many long lines do not fill the heap. */
    private static final long MAX_CHUNK_BYTES = 8L * 1024 * 1024;

    private final String fileKey;
    private final FileChannel channel;
    private Path path;
    private Fingerprint fingerprint;
    private long position;
    private long committedPosition;
    private Fingerprint committedFingerprint;
    private boolean gone;
    private long lastSize = -1;
    private long unchangedSince;

    private TailedFile(String fileKey, FileChannel channel, Path path) {
        this.fileKey = fileKey;
        this.channel = channel;
        this.path = path;
    }

    static TailedFile open(Path path, String fileKey) throws IOException {
        return new TailedFile(fileKey, FileChannel.open(path, StandardOpenOption.READ), path);
    }

    /** The file's device and inode as the JVM tells them ({@code (dev=..,ino=..)} on Linux). */
    static String fileKeyOf(Path path) throws IOException {
        var attributes = Files.readAttributes(path, BasicFileAttributes.class);
        Object key = attributes.fileKey();
        // no inode on this file system: the path and creation time stand in for it
        return key != null ? key.toString() : path.toAbsolutePath() + "@" + attributes.creationTime().toMillis();
    }

    String fileKey() {
        return fileKey;
    }

    Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    long position() {
        return position;
    }

    Fingerprint fingerprint() {
        return fingerprint;
    }

    /** Starts at a checkpointed or initial position (a line start); also the point {@link #rewind()} returns to. */
    void resumeAt(long offset, Fingerprint knownFingerprint) {
        this.position = offset;
        this.fingerprint = knownFingerprint;
        committed();
    }

    /** The position was written to the checkpoint: a rewind comes back here. */
    void committed() {
        this.committedPosition = position;
        this.committedFingerprint = fingerprint;
    }

    /** Back to the last committed position, to read again what the client could not deliver. */
    void rewind() {
        this.position = committedPosition;
        this.fingerprint = committedFingerprint;
    }

    /** The start of the line that is being written at {@code size} (or {@code size} after a line break). */
    long lineStartBefore(long size) throws IOException {
        int window = (int) Math.min(size, CHUNK);
        var buffer = ByteBuffer.allocate(window);
        while (buffer.hasRemaining() && channel.read(buffer, size - window + buffer.position()) > 0) {
            // reads the last window of the file
        }
        for (int i = buffer.position() - 1; i >= 0; i--) {
            if (buffer.get(i) == '\n') {
                return size - window + i + 1;
            }
        }
        return size; // no line break in the window: start after it rather than in the middle of a huge line
    }

    /** Everything before {@code offset} was taken by the client. */
    void advanceTo(long offset) {
        this.position = offset;
    }

    long size() throws IOException {
        return channel.size();
    }

    /** The file left the glob (renamed away or deleted): finish it from the open channel, then close it. */
    void markGone() {
        gone = true;
    }

    boolean gone() {
        return gone;
    }

    /** The file is matched by the glob again (renamed back, or found under another name it matches). */
    void markPresent(Path at) {
        gone = false;
        unchangedSince = 0;
        path = at;
    }

    /**
     * Notes the size of a gone file: a writer that has not reopened its log yet may still append to the renamed
     * file for a moment, so it is finished only after its size stayed the same for a while.
     */
    void noteSize(long size, long nowNanos) {
        if (size != lastSize || unchangedSince == 0) {
            lastSize = size;
            unchangedSince = nowNanos;
        }
    }

    /** How long a gone file has kept its size. */
    Duration unchangedFor(long nowNanos) {
        return unchangedSince == 0 ? Duration.ZERO : Duration.ofNanos(nowNanos - unchangedSince);
    }

    /**
     * Whether the file was truncated or written anew since the last read (copy-truncate): shorter than the position,
     * or no longer starting with the first line it had. Then reading starts again from 0.
     */
    boolean restartIfTruncated() throws IOException {
        boolean truncated = channel.size() < position || fingerprint != null && !fingerprint.matches(channel);
        if (truncated) {
            position = 0;
            fingerprint = null;
        }
        return truncated;
    }

    /**
     * The event id of the line at {@code offset} in this generation of the file: the same on every run, so a line
     * shipped again after a crash repeats its id and consumers that de-duplicate by {@code event_id} drop it.
     */
    UUID eventId(long offset) {
        String source = fileKey + "|" + fingerprint.sha256() + "@" + offset;
        return UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Up to {@code maxLines} complete lines from the position, each cut at {@code maxLineBytes}; blank lines are
     * passed over. With {@code finished}, a last line without line break counts as complete (the file is done).
     * Does not move the position: the caller does, line by line, as the client takes them.
     */
    Chunk read(int maxLines, int maxLineBytes, boolean finished) throws IOException {
        if (fingerprint == null) {
            fingerprint = Fingerprint.of(channel, finished);
            if (fingerprint == null) {
                return new Chunk(List.of(), position); // no complete first line yet
            }
        }
        var lines = new ArrayList<Line>();
        var buffer = ByteBuffer.allocate(CHUNK);
        var current = new ByteArrayOutputStream();
        boolean cut = false;
        long lineStart = position;
        long at = position;
        long end = position;
        long taken = 0;
        while (lines.size() < maxLines && taken < MAX_CHUNK_BYTES) {
            buffer.clear();
            int n = channel.read(buffer, at);
            if (n <= 0) {
                break;
            }
            byte[] bytes = buffer.array();
            int from = 0;
            for (int i = 0; i < n && lines.size() < maxLines && taken < MAX_CHUNK_BYTES; i++) {
                if (bytes[i] == '\n') {
                    cut |= append(current, bytes, from, i, maxLineBytes);
                    taken += current.size();
                    addLine(lines, lineStart, at + i + 1, current, cut);
                    lineStart = at + i + 1;
                    end = lineStart;
                    current.reset();
                    cut = false;
                    from = i + 1;
                }
            }
            boolean full = lines.size() >= maxLines || taken >= MAX_CHUNK_BYTES;
            if (full) {
                break; // the rest of the buffer is read again next time, from the chunk's end
            }
            cut |= append(current, bytes, from, n, maxLineBytes);
            at += n;
        }
        if (finished && lines.size() < maxLines && taken < MAX_CHUNK_BYTES && current.size() > 0
                && at > lineStart) {
            addLine(lines, lineStart, at, current, cut);
            end = at;
        }
        return new Chunk(lines, end);
    }

    /** Appends up to the bound; returns whether bytes were left out. */
    private static boolean append(ByteArrayOutputStream current, byte[] bytes, int from, int to, int max) {
        int room = Math.max(0, max - current.size());
        int length = to - from;
        current.write(bytes, from, Math.min(room, length));
        return length > room;
    }

    private static void addLine(List<Line> lines, long start, long next, ByteArrayOutputStream current,
                                boolean cut) {
        byte[] bytes = current.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                lines.add(new Line(start, next, length == bytes.length ? bytes
                        : Arrays.copyOf(bytes, length), cut));
                return;
            }
        }
        // a blank line gives no event; the chunk's end still passes it
    }

    /** Lines read, and the position after the last complete line (blank ones included). */
    record Chunk(List<Line> lines, long end) {
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
