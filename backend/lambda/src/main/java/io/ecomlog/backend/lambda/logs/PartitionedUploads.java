package io.ecomlog.backend.lambda.logs;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.record.ObjectKeys;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes events into gzip NDJSON objects under the hive layout of {@link ObjectKeys} (one part per event type and
 * hour), through temporary files so that memory stays bounded whatever the input's size: at most
 * {@code maxOpenParts} parts are open at once (the least recently used is finished and uploaded when another is
 * needed; logs are mostly in time order, so this rarely splits a partition), and a part is finished at
 * {@code maxPartBytes} of JSON. Each part is uploaded as soon as it is finished and its file deleted.
 *
 * <p>Keys are {@code prefix/event_type=T/.../<producer>-<first-event-id>.ndjson.gz}; with event ids derived from
 * the source object, a second run over the same object writes the same keys (overwrites, no duplicates). Not
 * thread-safe; one per object.
 */
final class PartitionedUploads implements AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String producerId;
    private final EventCodec codec;
    private final Path tempDir;
    private final int maxOpenParts;
    private final long maxPartBytes;
    private final LinkedHashMap<String, Part> open = new LinkedHashMap<>(16, 0.75f, true);
    private final List<String> uploadedKeys = new ArrayList<>();

    PartitionedUploads(S3Client s3, String bucket, String prefix, String producerId, EventCodec codec, Path tempDir,
                       int maxOpenParts, long maxPartBytes) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.producerId = producerId;
        this.codec = codec;
        this.tempDir = tempDir;
        this.maxOpenParts = maxOpenParts;
        this.maxPartBytes = maxPartBytes;
    }

    void write(EcomEvent event) throws IOException {
        String partition = event.eventType().wireName() + "#" + ObjectKeys.hourOf(event.eventTime());
        Part part = open.get(partition);
        if (part == null) {
            if (open.size() >= maxOpenParts) {
                var eldest = open.entrySet().iterator().next();
                open.remove(eldest.getKey());
                finish(eldest.getValue());
            }
            part = new Part(ObjectKeys.key(prefix, event.eventType().wireName(), event.eventTime(), producerId,
                    event.eventId().toString()), Files.createTempFile(tempDir, "part-", ".ndjson.gz"));
            open.put(partition, part);
        }
        byte[] json = codec.encode(event);
        part.out.write(json);
        part.out.write('\n');
        part.bytes += json.length + 1;
        part.events++;
        if (part.bytes >= maxPartBytes) {
            open.remove(partition);
            finish(part);
        }
    }

    /** Keys uploaded so far. */
    List<String> uploadedKeys() {
        return uploadedKeys;
    }

    /** Finishes and uploads every open part. */
    @Override
    public void close() throws IOException {
        for (var part : open.values()) {
            finish(part);
        }
        open.clear();
    }

    /** Deletes the temporary files of parts not uploaded (after a failure). */
    void discard() {
        for (var part : open.values()) {
            try {
                part.out.close();
                Files.deleteIfExists(part.file);
            } catch (IOException ignored) {
                // best effort: the temp directory is the function's own
            }
        }
        open.clear();
    }

    private void finish(Part part) throws IOException {
        part.out.close();
        try {
            s3.putObject(b -> b.bucket(bucket).key(part.key).contentType("application/x-ndjson")
                    .contentEncoding("gzip").metadata(Map.of("events", Long.toString(part.events))),
                    RequestBody.fromFile(part.file));
            uploadedKeys.add(part.key);
        } finally {
            Files.deleteIfExists(part.file);
        }
    }

    /**
     * gzip at the fastest level: at the default level compression alone would hold the processor under 50,000 lines
     * per second; the objects come out some 15 % larger, which costs less in storage than it saves in Lambda time.
     */
    static GZIPOutputStream fastGzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    private static final class Part {
        final String key;
        final Path file;
        final OutputStream out;
        long bytes;
        long events;

        Part(String key, Path file) throws IOException {
            this.key = key;
            this.file = file;
            try {
                this.out = fastGzip(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw new UncheckedIOException(e);
            }
        }
    }
}
