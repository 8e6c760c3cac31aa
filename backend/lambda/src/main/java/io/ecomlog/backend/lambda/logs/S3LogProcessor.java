package io.ecomlog.backend.lambda.logs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.access.AccessLogParser;
import io.ecomlog.applog.AppLogMapper;
import io.ecomlog.applog.StructuredLog;
import io.ecomlog.backend.aws.S3ObjectRef;
import io.ecomlog.backend.lambda.FunctionMetrics;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.codec.MalformedEventException;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.deployment.FunctionEnvironments;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.reader.ObjectLines;
import io.ecomlog.reader.Rejection;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * S3 log processor: for each uploaded log file named by an S3 {@code ObjectCreated} notification (direct or through
 * EventBridge), reads the object line by line — plain or gzip, of any size, never whole in memory — and writes the
 * events to the processed bucket as gzip NDJSON under the hive layout of {@code ObjectKeys}, one part per event type
 * and hour. A line may be
 * <ul>
 *   <li>an ecomlog event (an object the client, Firehose or the S3 backup wrote): kept as it is;</li>
 *   <li>an application's JSON log line (Logstash, ECS, Log4j2 JSON): a {@code log} or {@code app_error} event;</li>
 *   <li>an Apache/Nginx access-log line: an {@code http_access} event with client IP, user, action, product, status
 *       and error class ({@link AccessLogParser}).</li>
 * </ul>
 * Every other line goes to the quarantine prefix with its reason and is counted; it never stops the file. Events of
 * log lines get ids derived from the object (bucket, key, ETag) and line number, so a retried invocation overwrites
 * the same output keys instead of duplicating. Objects under the function's own output prefixes are skipped, so a
 * trigger on the whole bucket cannot loop.
 *
 * <p>Environment: {@code PROCESSED_BUCKET} (required), {@code PROCESSED_PREFIX} ({@code processed}),
 * {@code QUARANTINE_BUCKET} (the processed bucket), {@code QUARANTINE_PREFIX} ({@code quarantine}),
 * {@code MAX_LINE_BYTES} (1 MiB), {@code MAX_OPEN_PARTS} (32), {@code MAX_PART_MB} (128), {@code TMP_DIR}
 * (the JVM's temp dir).
 */
public final class S3LogProcessor implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String processedBucket;
    private final String processedPrefix;
    private final String quarantineBucket;
    private final String quarantinePrefix;
    private final int maxLineBytes;
    private final int maxOpenParts;
    private final long maxPartBytes;
    private final Path tempDir;
    private final EventCodec codec = new EventCodec();
    private final AccessLogParser accessLogs = new AccessLogParser();
    private final AppLogMapper appLogs = new AppLogMapper();
    private final StructuredLog log = new StructuredLog(S3LogProcessor.class.getSimpleName());
    private final FunctionMetrics metrics = new FunctionMetrics("s3-log-processor");

    /** Lambda's constructor: configuration from the environment, the default S3 client (no call made here). */
    public S3LogProcessor() {
        this(EnvConfig.fromSystem(), S3Client.create());
    }

    public S3LogProcessor(EnvConfig env, S3Client s3) {
        this.s3 = s3;
        this.processedBucket = FunctionEnvironments.S3LogProcessor.PROCESSED_BUCKET.read(env);
        this.processedPrefix = FunctionEnvironments.S3LogProcessor.PROCESSED_PREFIX.read(env);
        this.quarantineBucket = Objects.requireNonNullElse(FunctionEnvironments.S3LogProcessor.QUARANTINE_BUCKET.read(env), processedBucket);
        this.quarantinePrefix = FunctionEnvironments.S3LogProcessor.QUARANTINE_PREFIX.read(env);
        this.maxLineBytes = FunctionEnvironments.S3LogProcessor.MAX_LINE_BYTES.read(env);
        this.maxOpenParts = FunctionEnvironments.S3LogProcessor.MAX_OPEN_PARTS.read(env);
        this.maxPartBytes = FunctionEnvironments.S3LogProcessor.MAX_PART_MB.read(env) * (1L << 20);
        this.tempDir = Paths.get(Objects.requireNonNullElse(FunctionEnvironments.S3LogProcessor.TMP_DIR.read(env), System.getProperty("java.io.tmpdir")));
    }

    /** What one object gave. */
    public record Summary(String source, long lines, long events, Map<String, Long> eventsByType,
                          Map<String, Long> rejectedByReason, List<String> outputKeys, String quarantineKey,
                          boolean skipped) {
        public long rejected() {
            return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        var summaries = new ArrayList<Summary>();
        for (var ref : S3ObjectRef.fromEvent(event)) {
            summaries.add(process(ref));
        }
        JSON.writeValue(output, Map.of("objects", summaries));
    }

    /**
     * Processes one object.
     *
     * @throws IOException when S3 fails (reading or writing): the invocation fails and is retried; the output keys
     *                     of the retry are the same
     */
    public Summary process(S3ObjectRef ref) throws IOException {
        String source = "s3://" + ref.bucket() + "/" + ref.key();
        if (isOwnOutput(ref)) {
            log.info("skipped own output", Map.of("source", source));
            return new Summary(source, 0, 0, Map.of(), Map.of(), List.of(), null, true);
        }
        var byType = new TreeMap<String, Long>();
        var rejected = new TreeMap<String, Long>();
        long lineCount = 0;
        var uploads = new PartitionedUploads(s3, processedBucket, processedPrefix, producerId(ref), codec, tempDir,
                maxOpenParts, maxPartBytes);
        String quarantineKey;
        try (var quarantine = new Quarantine(s3, quarantineBucket, quarantinePrefix, ref, tempDir);
             var in = s3.getObject(b -> b.bucket(ref.bucket()).key(ref.key()));
             var lines = ObjectLines.open(in, maxLineBytes)) {
            Instant fallbackTime = Instant.now();
            for (var line = lines.next(); line != null; line = lines.next()) {
                lineCount++;
                Object result = line.tooLong()
                        ? Rejection.of("line longer than " + maxLineBytes + " bytes", "cut at the bound", line.bytes())
                        : read(line.bytes(), UUID.nameUUIDFromBytes((ref.identity() + "#" + line.number())
                        .getBytes(StandardCharsets.UTF_8)), fallbackTime);
                if (result instanceof EcomEvent e) {
                    uploads.write(e);
                    byType.merge(e.eventType().wireName(), 1L, Long::sum);
                } else {
                    var rejection = (Rejection) result;
                    rejected.merge(rejection.reason(), 1L, Long::sum);
                    quarantine.add(line.number(), rejection);
                }
            }
            if (lines.brokenGzip() != null) {
                rejected.merge("broken gzip", 1L, Long::sum);
                quarantine.add(lineCount + 1, new Rejection("broken gzip", lines.brokenGzip(), ""));
            }
            uploads.close();
            quarantineKey = quarantine.key();
        } catch (IOException | RuntimeException e) {
            uploads.discard();
            throw e;
        }
        long events = byType.values().stream().mapToLong(Long::longValue).sum();
        var summary = new Summary(source, lineCount, events, byType, rejected, uploads.uploadedKeys(), quarantineKey,
                false);
        metrics.count("lines", lineCount);
        metrics.count("events", events);
        metrics.countByReason("rejected", rejected);
        metrics.flush();
        var fields = new LinkedHashMap<String, Object>();
        fields.put("source", source);
        fields.put("lines", lineCount);
        fields.put("events", events);
        fields.put("events_by_type", byType);
        fields.put("rejected", rejected);
        fields.put("parts", uploads.uploadedKeys().size());
        fields.put("quarantine", quarantineKey);
        log.info("object processed", fields);
        return summary;
    }

    /** An event, or the {@link Rejection} of the line. */
    private Object read(byte[] line, UUID derivedId, Instant fallbackTime) {
        int first = 0;
        while (first < line.length && (line[first] == ' ' || line[first] == '\t')) {
            first++;
        }
        if (first < line.length && line[first] == '{') {
            try {
                return codec.decode(line);
            } catch (MalformedEventException e) {
                if (e.reason() != MalformedEventException.Reason.NOT_AN_EVENT) {
                    return Rejection.of(e.reason().label(), e.getMessage(), line);
                }
            }
            try {
                EcomEvent mapped = appLogs.map(JSON.readTree(line), derivedId, fallbackTime);
                return mapped != null ? mapped
                        : Rejection.of("JSON without a message", "neither an event nor a log line", line);
            } catch (IOException | RuntimeException e) {
                return Rejection.of("invalid log line", e.getMessage(), line);
            }
        }
        var parsed = accessLogs.parse(new String(line, StandardCharsets.UTF_8), derivedId);
        if (parsed instanceof AccessLogParser.Parsed p) {
            return p.event();
        }
        return Rejection.of(((AccessLogParser.Rejected) parsed).reason(), "not an access-log line", line);
    }

    private boolean isOwnOutput(S3ObjectRef ref) {
        return ref.bucket().equals(processedBucket) && ref.key().startsWith(processedPrefix + "/")
                || ref.bucket().equals(quarantineBucket) && ref.key().startsWith(quarantinePrefix + "/");
    }

    /** One producer id per source object, so parts of different uploads never share a key. */
    private static String producerId(S3ObjectRef ref) {
        return "s3proc-" + UUID.nameUUIDFromBytes(ref.identity().getBytes(StandardCharsets.UTF_8)).toString()
                .substring(0, 8);
    }
}
