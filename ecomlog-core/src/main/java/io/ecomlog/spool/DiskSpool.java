package io.ecomlog.spool;

import io.ecomlog.pipeline.EncodedEvent;
import io.ecomlog.record.RecordCodec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The last resort before a drop: a bounded folder of segment files (gzip NDJSON, the record format), each written to a
 * temporary file, forced to disk and renamed into place, so a process killed at any moment leaves only whole segments.
 * Segments are named by creation time and replayed oldest first; a segment is deleted only after its events were
 * handed on again, so a crash during replay repeats events rather than losing them (at-least-once).
 *
 * <p>Hand-written because no maintained library offers a small, bounded, crash-safe file queue without a server or a
 * native store; the format is ours anyway.
 */
public final class DiskSpool {

    private static final String SUFFIX = ".ndjson.gz";

    private final Path dir;
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();

    public DiskSpool(Path dir, long maxBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("spool max bytes must be positive, was " + maxBytes);
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        Files.createDirectories(this.dir);
        try (Stream<Path> files = Files.list(this.dir)) {
            files.filter(p -> p.getFileName().toString().startsWith(".tmp-")).forEach(DiskSpool::deleteQuietly);
        }
        for (var segment : segments()) {
            bytes.addAndGet(Files.size(segment));
        }
    }

    public Path dir() {
        return dir;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Bytes the spool holds now. */
    public long sizeBytes() {
        return bytes.get();
    }

    /**
     * Writes the events as one segment. Returns {@code false}, writing nothing, when the segment would take the spool
     * past its bound; throws when the disk fails.
     */
    public synchronized boolean append(List<EncodedEvent> events) throws IOException {
        if (events.isEmpty()) {
            return true;
        }
        byte[] body = RecordCodec.gzip(RecordCodec.joinLines(events));
        if (bytes.get() + body.length > maxBytes) {
            return false;
        }
        var name = String.format("%013d-%06d-%04x%s", System.currentTimeMillis(), sequence.incrementAndGet() % 1_000_000,
                ThreadLocalRandom.current().nextInt(0x10000), SUFFIX);
        var tmp = dir.resolve(".tmp-" + name);
        try (var channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            var buffer = ByteBuffer.wrap(body);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw e;
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        bytes.addAndGet(body.length);
        return true;
    }

    /** Whole segments, oldest first. */
    public List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    public boolean isEmpty() throws IOException {
        return segments().isEmpty();
    }

    /** The JSON lines of a segment. */
    public List<byte[]> read(Path segment) throws IOException {
        return RecordCodec.lines(Files.readAllBytes(segment));
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

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temp file is removed at the next start
        }
    }
}
