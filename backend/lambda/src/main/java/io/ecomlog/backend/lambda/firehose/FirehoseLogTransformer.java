package io.ecomlog.backend.lambda.firehose;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse.Result;
import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import io.ecomlog.access.AccessLogParser;
import io.ecomlog.applog.StructuredLog;
import io.ecomlog.backend.lambda.Buffers;
import io.ecomlog.backend.lambda.FunctionMetrics;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.deployment.FunctionEnvironments.FirehoseTransformer;
import io.ecomlog.record.RecordCodec;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Firehose data transformation: Apache/Nginx access-log lines → ecomlog {@code http_access} events (the one
 * {@link AccessLogParser}), as the "logs" delivery stream feeds OpenSearch and S3.
 *
 * <p>Per record: the data may be gzip (a CloudWatch Logs or agent source) and may hold several lines; each line
 * becomes one JSON line. A record with at least one good line is {@code Ok} (its bad lines are counted by reason
 * and logged with an excerpt); a record with none is {@code ProcessingFailed}, so Firehose keeps the original in
 * its error output. {@code OUTPUT_FORMAT=document} (for an OpenSearch destination, which takes one document per
 * record) fails multi-line records the same way instead of writing NDJSON. Records that would take the response
 * past Lambda's 6 MB limit are {@code ProcessingFailed} too (counted), never cut silently; keep the processor's
 * buffer at 1 MB or less and this does not happen. Event ids come from the record id and line number, so a retried
 * invocation writes the same events.
 */
public final class FirehoseLogTransformer
        implements RequestHandler<KinesisFirehoseEvent, KinesisAnalyticsInputPreprocessingResponse> {

    /** Lambda's synchronous response limit is 6 MB; the margin covers the JSON around the records. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 - 64 * 1024;
    private static final int PER_RECORD_OVERHEAD = 96;
    private static final int MAX_LOGGED_PER_REASON = 10;

    /** What a record's output holds. */
    public enum OutputFormat {
        /** One JSON line per input line, newline-terminated (the record format; for S3 destinations). */
        NDJSON,
        /** Exactly one JSON document per record, no newline (for OpenSearch destinations). */
        DOCUMENT
    }

    private final AccessLogParser parser = new AccessLogParser();
    private final EventCodec codec = new EventCodec();
    private final OutputFormat format;
    private final int maxLineBytes;
    private final StructuredLog log = new StructuredLog(FirehoseLogTransformer.class.getSimpleName());
    private final FunctionMetrics metrics = new FunctionMetrics("firehose-log-transformer");

    /** Lambda's constructor: configuration from the environment. */
    public FirehoseLogTransformer() {
        this(EnvConfig.fromSystem());
    }

    public FirehoseLogTransformer(EnvConfig env) {
        this.format = OutputFormat.valueOf(FirehoseTransformer.OUTPUT_FORMAT.read(env).toUpperCase(Locale.ROOT));
        this.maxLineBytes = FirehoseTransformer.MAX_LINE_BYTES.read(env);
    }

    @Override
    public KinesisAnalyticsInputPreprocessingResponse handleRequest(KinesisFirehoseEvent input, Context context) {
        var out = new ArrayList<KinesisAnalyticsInputPreprocessingResponse.Record>();
        var rejected = new TreeMap<String, Long>();
        long lines = 0;
        long events = 0;
        long failedRecords = 0;
        long responseBytes = 0;
        for (var record : input.getRecords()) {
            var transformed = transform(record, rejected);
            lines += transformed.lines();
            long size = PER_RECORD_OVERHEAD + record.getRecordId().length()
                    + (transformed.data() == null ? 0 : (transformed.data().length + 2L) / 3 * 4);
            if (transformed.data() != null && responseBytes + size > MAX_RESPONSE_BYTES) {
                rejected.merge("response size limit", 1L, Long::sum);
                transformed = Transformed.failed(transformed.lines());
                size = PER_RECORD_OVERHEAD + record.getRecordId().length();
            }
            responseBytes += size;
            if (transformed.data() == null) {
                failedRecords++;
                // no data back: Firehose writes the original record to its error output, and echoing it could
                // itself break the response limit
                out.add(new KinesisAnalyticsInputPreprocessingResponse.Record(record.getRecordId(),
                        Result.ProcessingFailed, ByteBuffer.allocate(0)));
            } else {
                events += transformed.events();
                out.add(new KinesisAnalyticsInputPreprocessingResponse.Record(record.getRecordId(), Result.Ok,
                        ByteBuffer.wrap(transformed.data())));
            }
        }
        metrics.count("records", input.getRecords().size());
        metrics.count("lines", lines);
        metrics.count("events", events);
        metrics.count("records_failed", failedRecords);
        metrics.countByReason("rejected", rejected);
        metrics.flush();
        log.info("transformed", Map.of("records", input.getRecords().size(), "lines", lines, "events", events,
                "records_failed", failedRecords, "rejected", rejected));
        return new KinesisAnalyticsInputPreprocessingResponse(out);
    }

    /** A record's output: its bytes (null when the record failed), and how many lines and events it held. */
    record Transformed(byte[] data, long lines, long events) {
        static Transformed failed(long lines) {
            return new Transformed(null, lines, 0);
        }
    }

    private Transformed transform(KinesisFirehoseEvent.Record record, Map<String, Long> rejected) {
        var encoded = new ArrayList<byte[]>();
        List<byte[]> lines;
        try {
            // a Firehose record is at most 1,000 KiB: read it whole (streaming it costs buffers per record)
            lines = RecordCodec.lines(Buffers.bytes(record.getData()));
        } catch (UncheckedIOException brokenGzip) {
            reject(rejected, "broken gzip", record, 0, new byte[0]);
            return Transformed.failed(0);
        }
        long lineNumber = 0;
        for (byte[] line : lines) {
            lineNumber++;
            if (line.length > maxLineBytes) {
                reject(rejected, "line longer than " + maxLineBytes + " bytes", record, lineNumber, line);
                continue;
            }
            var id = UUID.nameUUIDFromBytes((record.getRecordId() + "#" + lineNumber).getBytes(StandardCharsets.UTF_8));
            var result = parser.parse(new String(line, StandardCharsets.UTF_8), id);
            if (result instanceof AccessLogParser.Parsed p) {
                encoded.add(codec.encode(p.event()));
            } else {
                reject(rejected, ((AccessLogParser.Rejected) result).reason(), record, lineNumber, line);
            }
        }
        long lineCount = lineNumber;
        if (encoded.isEmpty()) {
            return Transformed.failed(lineCount);
        }
        if (format == OutputFormat.DOCUMENT) {
            if (encoded.size() > 1) {
                rejected.merge("several lines in a document record", 1L, Long::sum);
                return Transformed.failed(lineCount);
            }
            return new Transformed(encoded.get(0), lineCount, 1);
        }
        var data = new ByteArrayOutputStream();
        for (byte[] json : encoded) {
            data.writeBytes(json);
            data.write('\n');
        }
        return new Transformed(data.toByteArray(), lineCount, encoded.size());
    }

    private void reject(Map<String, Long> rejected, String reason, KinesisFirehoseEvent.Record record, long line,
                        byte[] bytes) {
        long seen = rejected.merge(reason, 1L, Long::sum);
        if (seen > MAX_LOGGED_PER_REASON) {
            return; // counted; a file of junk must not flood the log
        }
        log.warn("line rejected", Map.of("reason", reason, "record_id", record.getRecordId(), "line", line,
                "excerpt", new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.UTF_8)));
    }


}
