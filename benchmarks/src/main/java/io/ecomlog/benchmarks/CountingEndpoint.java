package io.ecomlog.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.FirehoseWire;
import io.ecomlog.testing.KinesisWire;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A stand-in for Kinesis Data Streams and Firehose that answers every write at once and counts what it got: a JDK
 * {@link HttpServer} on 127.0.0.1 speaking Kinesis {@code PutRecords} (CBOR, the SDK v2 default, and JSON) and
 * Firehose {@code PutRecordBatch} (JSON), through the wire codecs of ecomlog-core's test-jar ({@link KinesisWire},
 * {@link FirehoseWire}). Every record is opened with {@link RecordCodec} (gunzipped when it starts with the gzip
 * magic) to count the events in it, and priced the way the services bill it:
 * <ul>
 *   <li>Kinesis: each record costs {@code ceil((data + partition key) / kinesisUnitBytes)} PUT payload units;</li>
 *   <li>Firehose: each record is billed at its size rounded up to the next {@code firehoseUnitBytes}.</li>
 * </ul>
 * Next to the records as they arrived, it prices the same events as if each had travelled alone in a record (with
 * the partition key of the record it came in), which is what a producer that does not pack would pay.
 *
 * <p>kinesis-local is a correctness stand-in (≈1–2 k records/s); this endpoint is for throughput.
 */
public final class CountingEndpoint implements AutoCloseable {

    /** One Kinesis PUT payload unit: 25 KB, taken as 25,000 bytes. */
    public static final int KINESIS_UNIT_BYTES = 25_000;
    /** One Firehose billing increment: 5 KB, taken as 5,120 bytes (the client packs Firehose records to 500 KiB). */
    public static final int FIREHOSE_UNIT_BYTES = 5 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final int kinesisUnitBytes;
    private final int firehoseUnitBytes;
    private final Counts kinesis = new Counts();
    private final Counts firehose = new Counts();
    private final LongAdder errors = new LongAdder();
    private final AtomicLong sequence = new AtomicLong();

    private CountingEndpoint(HttpServer server, ExecutorService executor, int kinesisUnitBytes,
                             int firehoseUnitBytes) {
        this.server = server;
        this.executor = executor;
        this.kinesisUnitBytes = kinesisUnitBytes;
        this.firehoseUnitBytes = firehoseUnitBytes;
    }

    /**
     * The JDK's HTTP server on a free port of 127.0.0.1, with Nagle's algorithm off: the server writes a response's
     * headers and body separately, and with Nagle on the body waits for the client's delayed ACK (40 ms on Linux),
     * which capped a 4 MB PutRecords call at ~75 ms. The JDK reads the switch once, when the JVM's first server is made.
     */
    static HttpServer loopbackServer() throws IOException {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        return HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
    }

    /** Starts an endpoint on a free port of 127.0.0.1 with the default billing units. */
    public static CountingEndpoint start() throws IOException {
        return start(KINESIS_UNIT_BYTES, FIREHOSE_UNIT_BYTES, 2);
    }

    /**
     * Starts an endpoint on a free port of 127.0.0.1.
     *
     * @param threads handler threads (the client sends from one thread per destination: 1-2 is plenty)
     */
    public static CountingEndpoint start(int kinesisUnitBytes, int firehoseUnitBytes, int threads)
            throws IOException {
        var server = loopbackServer();
        var count = new AtomicInteger();
        var executor = Executors.newFixedThreadPool(threads, r -> {
            var t = new Thread(r, "counting-endpoint-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        var endpoint = new CountingEndpoint(server, executor, kinesisUnitBytes, firehoseUnitBytes);
        server.createContext("/", endpoint::handle);
        server.start();
        return endpoint;
    }

    /** {@code http://127.0.0.1:<port>}, for the SDK client's {@code endpointOverride}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public Snapshot kinesis() {
        return kinesis.snapshot(kinesisUnitBytes, firehoseUnitBytes);
    }

    public Snapshot firehose() {
        return firehose.snapshot(kinesisUnitBytes, firehoseUnitBytes);
    }

    /** Requests it could not decode or did not know (answered with an error). */
    public long errors() {
        return errors.sum();
    }

    public void reset() {
        kinesis.reset();
        firehose.reset();
        errors.reset();
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

    // ---------------------------------------------------------------- request handling

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                var length = exchange.getRequestHeaders().getFirst("Content-Length");
                if (length == null) {
                    body = in.readAllBytes();
                } else {
                    body = new byte[Integer.parseInt(length)]; // read in place, not gathered in chunks and copied
                    int read = in.readNBytes(body, 0, body.length);
                    body = read == body.length ? body : Arrays.copyOf(body, read);
                }
            }
            var target = exchange.getRequestHeaders().getFirst(KinesisWire.TARGET_HEADER);
            var contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            try {
                if (KinesisWire.PUT_RECORDS_TARGET.equals(target)) {
                    putRecords(exchange, contentType, body);
                } else if (FirehoseWire.PUT_RECORD_BATCH_TARGET.equals(target)) {
                    putRecordBatch(exchange, body);
                } else {
                    errors.increment();
                    var format = KinesisWire.Format.fromContentType(contentType);
                    reply(exchange, 400, format.contentType(), "UnknownOperationException",
                            KinesisWire.encodeError(format, "UnknownOperationException",
                                    "the counting endpoint only takes PutRecords and PutRecordBatch, not " + target));
                }
            } catch (IllegalArgumentException malformed) {
                errors.increment();
                var format = KinesisWire.Format.fromContentType(contentType);
                reply(exchange, 400, format.contentType(), "SerializationException",
                        KinesisWire.encodeError(format, "SerializationException", String.valueOf(malformed.getMessage())));
            }
        }
    }

    private void putRecords(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        var format = KinesisWire.Format.fromContentType(contentType);
        var batch = KinesisWire.decodePutRecordsRequest(format, body);
        var results = new ArrayList<KinesisWire.EntryResult>(batch.entries().size());
        var call = new CallTally();
        for (var entry : batch.entries()) {
            call.record(entry.data(), keyBytes(entry.partitionKey()), kinesisUnitBytes, firehoseUnitBytes);
            results.add(KinesisWire.EntryResult.success(
                    KinesisWire.fakeSequenceNumber(sequence.incrementAndGet()), "shardId-000000000000"));
        }
        kinesis.add(call, body.length);
        reply(exchange, 200, format.contentType(), null, KinesisWire.encodePutRecordsResponse(format, results));
    }

    private void putRecordBatch(HttpExchange exchange, byte[] body) throws IOException {
        var batch = FirehoseWire.decodePutRecordBatchRequest(body);
        var results = new ArrayList<FirehoseWire.EntryResult>(batch.records().size());
        var call = new CallTally();
        for (var data : batch.records()) {
            call.record(data, 0, kinesisUnitBytes, firehoseUnitBytes);
            results.add(FirehoseWire.EntryResult.success(Long.toString(sequence.incrementAndGet(), 36)));
        }
        firehose.add(call, body.length);
        reply(exchange, 200, FirehoseWire.CONTENT_TYPE, null, FirehoseWire.encodePutRecordBatchResponse(results));
    }

    private static int keyBytes(String key) {
        return key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String errorType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "counting-endpoint");
        if (errorType != null) {
            exchange.getResponseHeaders().set(KinesisWire.ERROR_TYPE_HEADER, errorType);
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    // ---------------------------------------------------------------- counting

    /** What one call carried, added to the totals in one go. */
    private static final class CallTally {
        long records, dataBytes, keyBytes, events, eventBytes;
        long kinesisUnits, firehoseBilled, kinesisUnitsSingle, firehoseBilledSingle;

        void record(byte[] data, int key, int kinesisUnit, int firehoseUnit) {
            records++;
            dataBytes += data.length;
            keyBytes += key;
            kinesisUnits += ceilDiv(data.length + key, kinesisUnit);
            firehoseBilled += ceilDiv(data.length, firehoseUnit) * firehoseUnit;
            // in place, as the service would not split records at all
            RecordCodec.forEachLine(data, (bytes, from, to) -> {
                int alone = to - from + 1; // the event with its newline, alone in a record
                events++;
                eventBytes += alone;
                kinesisUnitsSingle += ceilDiv(alone + key, kinesisUnit);
                firehoseBilledSingle += ceilDiv(alone, firehoseUnit) * firehoseUnit;
            });
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static final class Counts {
        final LongAdder calls = new LongAdder();
        final LongAdder requestBytes = new LongAdder();
        final LongAdder records = new LongAdder();
        final LongAdder dataBytes = new LongAdder();
        final LongAdder keyBytes = new LongAdder();
        final LongAdder events = new LongAdder();
        final LongAdder eventBytes = new LongAdder();
        final LongAdder kinesisUnits = new LongAdder();
        final LongAdder firehoseBilled = new LongAdder();
        final LongAdder kinesisUnitsSingle = new LongAdder();
        final LongAdder firehoseBilledSingle = new LongAdder();

        void add(CallTally t, long requestSize) {
            calls.increment();
            requestBytes.add(requestSize);
            records.add(t.records);
            dataBytes.add(t.dataBytes);
            keyBytes.add(t.keyBytes);
            events.add(t.events);
            eventBytes.add(t.eventBytes);
            kinesisUnits.add(t.kinesisUnits);
            firehoseBilled.add(t.firehoseBilled);
            kinesisUnitsSingle.add(t.kinesisUnitsSingle);
            firehoseBilledSingle.add(t.firehoseBilledSingle);
        }

        void reset() {
            List.of(calls, requestBytes, records, dataBytes, keyBytes, events, eventBytes, kinesisUnits,
                    firehoseBilled, kinesisUnitsSingle, firehoseBilledSingle).forEach(LongAdder::reset);
        }

        Snapshot snapshot(int kinesisUnit, int firehoseUnit) {
            return new Snapshot(calls.sum(), requestBytes.sum(), records.sum(), dataBytes.sum(), keyBytes.sum(),
                    events.sum(), eventBytes.sum(), kinesisUnits.sum(), firehoseBilled.sum(),
                    kinesisUnitsSingle.sum(), firehoseBilledSingle.sum(), kinesisUnit, firehoseUnit);
        }
    }

    /**
     * What one service side of the endpoint received.
     *
     * @param calls                PutRecords / PutRecordBatch calls
     * @param requestBytes         HTTP request bodies (CBOR or JSON with base64), as they crossed the wire
     * @param records              records in those calls
     * @param dataBytes            record payload bytes (as sent: gzip when the client compresses)
     * @param keyBytes             partition key bytes (Kinesis; 0 for Firehose)
     * @param events               NDJSON lines inside the records
     * @param eventBytes           their uncompressed size, one newline each
     * @param kinesisUnits         PUT payload units of the records as sent
     * @param firehoseBilled       Firehose billed bytes of the records as sent
     * @param kinesisUnitsSingle   PUT payload units had each event been a record of its own (same key)
     * @param firehoseBilledSingle Firehose billed bytes had each event been a record of its own
     */
    public record Snapshot(long calls, long requestBytes, long records, long dataBytes, long keyBytes, long events,
                           long eventBytes, long kinesisUnits, long firehoseBilled, long kinesisUnitsSingle,
                           long firehoseBilledSingle, int kinesisUnitBytes, int firehoseUnitBytes) {

        /** The fewest PUT payload units these bytes (payload and keys) could cost: ceil(total / unit). */
        public long kinesisMinimumUnits() {
            return ceilDiv(dataBytes + keyBytes, kinesisUnitBytes);
        }

        /** The least Firehose could bill for these payload bytes: the total, rounded up to one increment. */
        public long firehoseMinimumBilled() {
            return ceilDiv(dataBytes, firehoseUnitBytes) * firehoseUnitBytes;
        }

        /** The least Firehose could bill for the events sent one per record, uncompressed: their total size. */
        public long firehoseMinimumBilledSingle() {
            return ceilDiv(eventBytes, firehoseUnitBytes) * firehoseUnitBytes;
        }

        public double recordsPerCall() {
            return calls == 0 ? 0 : (double) records / calls;
        }

        public double bytesPerCall() {
            return calls == 0 ? 0 : (double) dataBytes / calls;
        }

        public double eventsPerRecord() {
            return records == 0 ? 0 : (double) events / records;
        }

        public double bytesPerRecord() {
            return records == 0 ? 0 : (double) dataBytes / records;
        }
    }
}
