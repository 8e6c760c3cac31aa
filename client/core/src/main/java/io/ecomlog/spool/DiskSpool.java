package io.ecomlog.spool;

import io.ecomlog.record.EncodedEvent;
import io.ecomlog.record.RecordCodec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The last resort before a drop: a bounded folder of segment files (gzip NDJSON, the record format), replayed oldest
 * first. Crash-safe: a process killed at any moment leaves only whole segments and whole events.
 *
 * <p>Two ways of writing. Without coalescing ({@code segmentBytes} 0) each {@link #append} writes one segment to a
 * temporary file, forces it to disk and renames it into place. With coalescing, appends go to one open segment
 * ({@code .open-<name>}) as one gzip member each (concatenated members are one valid gzip stream), forced to disk
 * before {@code append} returns; the open segment is sealed (renamed to its final name) when it reaches
 * {@code segmentBytes}, when the replay wants it, or at {@link #close}. A kill leaves at most the last member half
 * written: the next owner's {@link #recover} salvages the open segment's whole lines into a sealed one. So a long
 * outage makes a few large files instead of one small file and one fsync'd rename per batch.
 *
 * <p>A segment is deleted, or {@linkplain #rewrite rewritten} to what is left of it, only after its events were handed
 * on, so a crash during replay repeats at most one replay call's events (at-least-once), and a normal stop repeats
 * none.
 *
 * <p>Hand-written because no maintained library offers a small, bounded, crash-safe file queue without a server or a
 * native store; the format is ours anyway.
 */
public final class DiskSpool implements AutoCloseable {

    private static final String SUFFIX = ".ndjson.gz";
    private static final String TMP_PREFIX = ".tmp-";
    private static final String OPEN_PREFIX = ".open-";

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private FileChannel open;
    private String openName;
    private long openBytes;

    /** A spool that writes one segment per append. */
    public DiskSpool(Path dir, long maxBytes) throws IOException {
        this(dir, maxBytes, 0);
    }

    /**
     * A spool that coalesces appends into segments of about {@code segmentBytes} (compressed) each; 0 writes one
     * segment per append. Before appending, its owner (the one process that locked the folder) calls {@link #recover}.
     */
    public DiskSpool(Path dir, long maxBytes, long segmentBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("spool max bytes must be positive, was " + maxBytes);
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(0, segmentBytes);
        Files.createDirectories(this.dir);
        try (Stream<Path> files = Files.list(this.dir)) {
            files.filter(p -> p.getFileName().toString().startsWith(TMP_PREFIX)).forEach(DiskSpool::deleteQuietly);
        }
        for (var segment : segments()) {
            bytes.addAndGet(Files.size(segment));
        }
    }

    /**
     * Seals the open segments a killed process left (their whole lines; see the class comment). Only for the owner of
     * the folder: another process may still be appending to its open segment.
     */
    public synchronized void recover() throws IOException {
        List<Path> leftOpen;
        try (Stream<Path> files = Files.list(dir)) {
            leftOpen = files.filter(p -> p.getFileName().toString().startsWith(OPEN_PREFIX)).toList();
        }
        for (Path p : leftOpen) {
            if (open != null && p.getFileName().toString().equals(OPEN_PREFIX + openName)) {
                continue; // ours
            }
            long before = Files.size(p);
            long after = salvage(p, p.getFileName().toString().substring(OPEN_PREFIX.length()));
            bytes.addAndGet(after - before);
        }
    }

    /** Whether a file name is a spool segment, sealed or open (for a quick look at whether a folder holds events). */
    static boolean isSegmentFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) && (!name.startsWith(".") || name.startsWith(OPEN_PREFIX));
    }

    public Path dir() {
        return dir;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Bytes the spool holds now, open segment included. */
    public long sizeBytes() {
        return bytes.get();
    }

    /**
     * Writes the events, durably, before it returns. Returns {@code false}, writing nothing, when they would take the
     * spool past its bound; throws when the disk fails.
     */
    public synchronized boolean append(List<EncodedEvent> events) throws IOException {
        if (events.isEmpty()) {
            return true;
        }
        byte[] body = RecordCodec.gzip(RecordCodec.joinLines(events));
        if (bytes.get() + body.length > maxBytes) {
            return false;
        }
        if (segmentBytes == 0) {
            writeSegment(newName(), body);
            bytes.addAndGet(body.length);
            return true;
        }
        if (open == null) {
            openName = newName();
            open = FileChannel.open(dir.resolve(OPEN_PREFIX + openName), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            openBytes = 0;
        }
        writeFully(open, body);
        open.force(false);
        openBytes += body.length;
        bytes.addAndGet(body.length);
        if (openBytes >= segmentBytes) {
            sealOpenSegment();
        }
        return true;
    }

    /** Seals the open segment, if there is one, so it can be replayed. */
    public synchronized void sealOpenSegment() throws IOException {
        if (open == null) {
            return;
        }
        open.close();
        open = null;
        Files.move(dir.resolve(OPEN_PREFIX + openName), dir.resolve(openName), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Whether appends are waiting in an open segment. */
    public synchronized boolean hasOpenSegment() {
        return open != null;
    }

    /** Every segment, sealed or open (for readers of the folder such as the replay tool), oldest first. */
    public List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(DiskSpool::isSegmentFile)
                    .sorted(Comparator.comparing(DiskSpool::creationName))
                    .toList();
        }
    }

    /** Sealed segments only, oldest first: the ones the replay may rewrite and delete. */
    public List<Path> sealedSegments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    private static String creationName(Path segment) {
        String name = segment.getFileName().toString();
        return name.startsWith(OPEN_PREFIX) ? name.substring(OPEN_PREFIX.length()) : name;
    }

    public boolean isEmpty() throws IOException {
        return segments().isEmpty();
    }

    /** The JSON lines of a segment. */
    public List<byte[]> read(Path segment) throws IOException {
        return RecordCodec.lines(Files.readAllBytes(segment));
    }

    /**
     * Replaces a segment by the lines still to be replayed (in place: it keeps its name, so its turn), or deletes it
     * when none are left. Atomic: a crash leaves the old or the new content.
     */
    public synchronized void rewrite(Path segment, List<byte[]> remainingLines) throws IOException {
        if (remainingLines.isEmpty()) {
            delete(segment);
            return;
        }
        var raw = new ByteArrayOutputStream();
        for (byte[] line : remainingLines) {
            raw.write(line);
            raw.write('\n');
        }
        byte[] body = RecordCodec.gzip(raw.toByteArray());
        long before = Files.exists(segment) ? Files.size(segment) : 0;
        writeSegment(segment.getFileName().toString(), body);
        bytes.addAndGet(body.length - before);
    }

    /**
     * Moves an unreadable segment aside (same folder, suffix {@code .corrupt}) so that it is neither replayed again
     * nor counted against the bound; it stays for a person to look at.
     */
    public synchronized Path quarantine(Path segment) throws IOException {
        long size = Files.size(segment);
        var aside = segment.resolveSibling(segment.getFileName() + ".corrupt");
        Files.move(segment, aside, StandardCopyOption.REPLACE_EXISTING);
        bytes.addAndGet(-size);
        return aside;
    }

    public synchronized void delete(Path segment) throws IOException {
        long size = Files.exists(segment) ? Files.size(segment) : 0;
        if (Files.deleteIfExists(segment)) {
            bytes.addAndGet(-size);
        }
    }

    /** Seals the open segment; the spool must not be used afterwards. */
    @Override
    public synchronized void close() throws IOException {
        sealOpenSegment();
    }

    // ---------------------------------------------------------------- files

    private String newName() {
        return String.format("%013d-%06d-%04x%s", System.currentTimeMillis(), sequence.incrementAndGet() % 1_000_000,
                ThreadLocalRandom.current().nextInt(0x10000), SUFFIX);
    }

    /** Temporary file, forced to disk, renamed into place: readers see the old file or the whole new one. */
    private void writeSegment(String name, byte[] body) throws IOException {
        var tmp = dir.resolve(TMP_PREFIX + name);
        try (var channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(channel, body);
            channel.force(true);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw e;
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeFully(FileChannel channel, byte[] body) throws IOException {
        var buffer = ByteBuffer.wrap(body);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * An open segment a killed process left: its whole lines become a sealed segment; a half-written last gzip member
     * yields what it decompresses to up to its last whole line (those events were never reported as spooled, so
     * keeping them is a bonus, not a duplicate).
     */
    private long salvage(Path openFile, String name) throws IOException {
        byte[] data = Files.readAllBytes(openFile);
        var out = new ByteArrayOutputStream(data.length * 4);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            in.transferTo(out);
        } catch (EOFException | ZipException truncated) {
            // keep what was decompressed before the damage
        }
        byte[] raw = out.toByteArray();
        int end = raw.length;
        while (end > 0 && raw[end - 1] != '\n') {
            end--;
        }
        long written = 0;
        if (end > 0) {
            byte[] whole = new byte[end];
            System.arraycopy(raw, 0, whole, 0, end);
            byte[] body = RecordCodec.gzip(whole);
            writeSegment(name, body);
            written = body.length;
        }
        Files.delete(openFile);
        return written;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temp file is removed at the next start
        }
    }
}
