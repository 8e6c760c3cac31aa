package io.ecomlog.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ecomlog.testing.KinesisWire;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Kinesis stand-in for the appender comparison, answering at once on 127.0.0.1: {@code PutRecords} (counted), and
 * the control calls an appender may make before its first write, answered minimally: {@code DescribeStreamSummary}
 * and {@code DescribeStream} (the stream is {@code ACTIVE}, one shard), {@code CreateStream} and
 * {@code IncreaseStreamRetentionPeriod} (accepted). CBOR (SDK v1 and v2 default) and JSON, through the core test-jar's
 * {@link KinesisWire}.
 *
 * <p>{@link CountingEndpoint} answers only PutRecords and keeps its handler to itself, so this is a separate, smaller
 * counting handler rather than a wrapper. It counts the events in a record by the marker {@value #MARKER}, which the
 * comparison puts in every message ({@code mid=<n>}): the same count for ecomlog's NDJSON records (many events per
 * record) and for one-message-per-record appenders, whatever their JSON layout. It also notes when the count first
 * reached a given threshold, for the harness's steady-state rate.
 */
public final class AppenderCountingEndpoint implements AutoCloseable {

    /** What the harness puts in every message; counted in the record bytes. */
    public static final String MARKER = "mid=";

    private static final String DESCRIBE_SUMMARY = KinesisWire.TARGET_PREFIX + "DescribeStreamSummary";
    private static final String DESCRIBE = KinesisWire.TARGET_PREFIX + "DescribeStream";
    private static final String CREATE = KinesisWire.TARGET_PREFIX + "CreateStream";
    private static final String RETENTION = KinesisWire.TARGET_PREFIX + "IncreaseStreamRetentionPeriod";
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService executor;
    private final LongAdder calls = new LongAdder();
    private final LongAdder records = new LongAdder();
    private final LongAdder dataBytes = new LongAdder();
    private final AtomicLong events = new AtomicLong();
    private final LongAdder otherCalls = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicLong sequence = new AtomicLong();
    private volatile long threshold = Long.MAX_VALUE;
    private volatile long thresholdMillis;
    private volatile long lastPutMillis;

    private AppenderCountingEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts it on a free port of 127.0.0.1 with two handler threads. */
    public static AppenderCountingEndpoint start() throws IOException {
        var server = CountingEndpoint.loopbackServer();
        var count = new AtomicInteger();
        var executor = Executors.newFixedThreadPool(2, r -> {
            var t = new Thread(r, "appender-endpoint-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        var endpoint = new AppenderCountingEndpoint(server, executor);
        server.createContext("/", endpoint::handle);
        server.start();
        return endpoint;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Zeroes the counts and arms the threshold: {@link #thresholdMillis()} is the time the count first reached it. */
    public void reset(long threshold) {
        calls.reset();
        records.reset();
        dataBytes.reset();
        events.set(0);
        otherCalls.reset();
        errors.reset();
        thresholdMillis = 0;
        lastPutMillis = 0;
        this.threshold = threshold;
    }

    public long calls() {
        return calls.sum();
    }

    public long records() {
        return records.sum();
    }

    public long dataBytes() {
        return dataBytes.sum();
    }

    public long events() {
        return events.get();
    }

    /** Control calls (describe, create, retention) answered. */
    public long otherCalls() {
        return otherCalls.sum();
    }

    public long errors() {
        return errors.sum();
    }

    /** Wall-clock time (ms) at which the event count first reached the threshold; 0 before. */
    public long thresholdMillis() {
        return thresholdMillis;
    }

    /** Wall-clock time (ms) of the end of the last PutRecords handled. */
    public long lastPutMillis() {
        return lastPutMillis;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            var target = exchange.getRequestHeaders().getFirst(KinesisWire.TARGET_HEADER);
            var format = KinesisWire.Format.fromContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
            try {
                if (KinesisWire.PUT_RECORDS_TARGET.equals(target)) {
                    putRecords(exchange, format, body);
                } else if (DESCRIBE_SUMMARY.equals(target) || DESCRIBE.equals(target)) {
                    otherCalls.increment();
                    String stream = streamName(format, body);
                    var description = new LinkedHashMap<String, Object>();
                    description.put("StreamName", stream);
                    description.put("StreamARN", "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream);
                    description.put("StreamStatus", "ACTIVE");
                    description.put("RetentionPeriodHours", 24);
                    description.put("EncryptionType", "NONE");
                    if (DESCRIBE_SUMMARY.equals(target)) {
                        description.put("OpenShardCount", 1);
                        description.put("ConsumerCount", 0);
                        reply(exchange, 200, format, null, Map.of("StreamDescriptionSummary", description));
                    } else {
                        description.put("Shards", List.of(Map.of("ShardId", "shardId-000000000000",
                                "HashKeyRange", Map.of("StartingHashKey", "0",
                                        "EndingHashKey", "340282366920938463463374607431768211455"),
                                "SequenceNumberRange", Map.of("StartingSequenceNumber", "0"))));
                        description.put("HasMoreShards", false);
                        reply(exchange, 200, format, null, Map.of("StreamDescription", description));
                    }
                } else if (CREATE.equals(target) || RETENTION.equals(target)) {
                    otherCalls.increment();
                    reply(exchange, 200, format, null, Map.of());
                } else {
                    errors.increment();
                    reply(exchange, 400, format, "UnknownOperationException", Map.of("__type",
                            "UnknownOperationException", "message", "not handled here: " + target));
                }
            } catch (IllegalArgumentException malformed) {
                errors.increment();
                reply(exchange, 400, format, "SerializationException", Map.of("__type", "SerializationException",
                        "message", String.valueOf(malformed.getMessage())));
            }
        }
    }

    private void putRecords(HttpExchange exchange, KinesisWire.Format format, byte[] body) throws IOException {
        var batch = KinesisWire.decodePutRecordsRequest(format, body);
        var results = new ArrayList<KinesisWire.EntryResult>(batch.entries().size());
        long bytes = 0, found = 0;
        for (var entry : batch.entries()) {
            bytes += entry.data().length;
            found += countMarkers(entry.data());
            results.add(KinesisWire.EntryResult.success(
                    KinesisWire.fakeSequenceNumber(sequence.incrementAndGet()), "shardId-000000000000"));
        }
        byte[] answer = KinesisWire.encodePutRecordsResponse(format, results);
        calls.increment();
        records.add(batch.entries().size());
        dataBytes.add(bytes);
        long total = events.addAndGet(found);
        long now = System.currentTimeMillis();
        if (total >= threshold && thresholdMillis == 0) {
            thresholdMillis = now;
        }
        lastPutMillis = now;
        send(exchange, 200, format, null, answer);
    }

    static long countMarkers(byte[] data) {
        long n = 0;
        outer:
        for (int i = 0, end = data.length - MARKER_BYTES.length; i <= end; i++) {
            for (int j = 0; j < MARKER_BYTES.length; j++) {
                if (data[i + j] != MARKER_BYTES[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }

    private static String streamName(KinesisWire.Format format, byte[] body) throws IOException {
        var mapper = format == KinesisWire.Format.CBOR ? CBOR : JSON;
        var node = mapper.readTree(body);
        return node == null ? "unknown" : node.path("StreamName").asText("unknown");
    }

    private static void reply(HttpExchange exchange, int status, KinesisWire.Format format, String errorType,
                              Object body) throws IOException {
        var mapper = format == KinesisWire.Format.CBOR ? CBOR : JSON;
        send(exchange, status, format, errorType, mapper.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, KinesisWire.Format format, String errorType,
                             byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", format.contentType());
        exchange.getResponseHeaders().set("x-amzn-RequestId", "appender-endpoint");
        if (errorType != null) {
            exchange.getResponseHeaders().set(KinesisWire.ERROR_TYPE_HEADER, errorType);
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
