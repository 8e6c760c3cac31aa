package io.ecomlog.backend.opensearch;

import io.ecomlog.codec.MalformedEventException;
import io.ecomlog.record.ObjectKeys;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.OpenSearchNode;
import io.ecomlog.testing.OpenSearchProxy;
import io.ecomlog.testing.SharedS3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The processed-bucket handler against S3Mock and the real node. */
class S3IndexerHandlerTest {

    private static OpenSearchClient node;
    private static SharedS3 s3;
    private static String processed;

    @BeforeAll
    static void standIns() {
        node = TestIndexers.nodeClient();
        s3 = SharedS3.shared();
        processed = s3.uniqueBucketName("processed");
        s3.createBucket(processed);
    }

    private static String put(String prefix, List<byte[]> lines) {
        var first = ApacheSample.events().get(0);
        String key = ObjectKeys.key(prefix, "http_access", first.eventTime(), "web01", UUID.randomUUID().toString());
        s3.client().putObject(b -> b.bucket(processed).key(key), RequestBody.fromBytes(gzipLines(lines)));
        return key;
    }

    private static byte[] gzipLines(List<byte[]> lines) {
        var out = new ByteArrayOutputStream();
        lines.forEach(line -> {
            out.writeBytes(line);
            out.write('\n');
        });
        return RecordCodec.gzip(out.toByteArray());
    }

    @Test
    void streamsTheObjectOfAnS3NotificationIntoBoundedBulkRequests() {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint(), Map.of("BULK_MAX_DOCUMENTS", "500"));
        // a space in the key: S3 sends it as '+'
        String key = put("processed data", ApacheSample.encoded());

        Map<String, Object> report = new S3IndexerHandler(test.indexer)
                .handleRequest(S3Events.notification(processed, key), null);

        int events = ApacheSample.events().size();
        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(events);
        assertThat(report).containsEntry("events", (long) events).containsEntry("indexed", (long) events)
                .containsEntry("dead_lettered", 0L)
                // flushed every 500 documents while reading, not once at the end
                .containsEntry("bulk_requests", (long) (events + 499) / 500);
    }

    @Test
    void anObjectOfAnEventBridgeEventTwiceGivesNoDuplicates() {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint());
        String key = put("processed", ApacheSample.encoded().subList(0, 200));
        var handler = new S3IndexerHandler(test.indexer);

        handler.handleRequest(S3Events.eventBridge(processed, key), null);
        handler.handleRequest(S3Events.eventBridge(processed, key), null);

        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(200);
    }

    @Test
    void linesThatAreNoEventAreCountedByReasonAndDeadLetteredBesideTheIndexedOnes() {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint());
        byte[] huge = new byte[(1 << 20) + 10];
        Arrays.fill(huge, (byte) 'x');
        var good = ApacheSample.encoded().subList(0, 30);
        var lines = new java.util.ArrayList<>(good.subList(0, 10));
        lines.add(bytes("<html>not json</html>"));
        lines.add(bytes("{\"level\":\"INFO\",\"message\":\"an application log line\"}"));
        lines.add(huge);
        lines.addAll(good.subList(10, 30));
        String key = put("processed", lines);

        Map<String, Object> report = new S3IndexerHandler(test.indexer)
                .handleRequest(S3Events.eventBridge(processed, key), null);

        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(30);
        assertThat(report).containsEntry("rejected", new java.util.TreeMap<>(Map.of(
                MalformedEventException.Reason.NOT_JSON.label(), 1L,
                MalformedEventException.Reason.NOT_AN_EVENT.label(), 1L,
                "line too long", 1L)));
        var letters = DeadLetterObjects.read(test.bucket, "opensearch-dead-letter/rejected/");
        assertThat(letters).extracting(l -> l.get("origin").asText()).containsExactlyInAnyOrder(
                "s3://" + processed + "/" + key + "#11", "s3://" + processed + "/" + key + "#12",
                "s3://" + processed + "/" + key + "#13");
        assertThat(letters).allSatisfy(l -> assertThat(l.get("excerpt").asText().length())
                .isLessThanOrEqualTo(2048));
    }

    @Test
    void aTruncatedObjectKeepsTheLinesBeforeTheBreakAndCountsTheBreak() {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint());
        byte[] whole = gzipLines(ApacheSample.encoded().subList(0, 400));
        byte[] truncated = Arrays.copyOf(whole, whole.length * 2 / 3);
        String key = ObjectKeys.key("processed", "http_access", ApacheSample.events().get(0).eventTime(), "web01",
                UUID.randomUUID().toString());
        s3.client().putObject(b -> b.bucket(processed).key(key), RequestBody.fromBytes(truncated));

        Map<String, Object> report = new S3IndexerHandler(test.indexer)
                .handleRequest(S3Events.notification(processed, key), null);

        long indexed = TestIndexers.count(node, test.prefix);
        assertThat(indexed).isBetween(100L, 399L);
        assertThat(report).containsEntry("indexed", indexed);
        @SuppressWarnings("unchecked")
        var rejected = (Map<String, Long>) report.get("rejected");
        assertThat(rejected).containsEntry(io.ecomlog.reader.RecordReader.BROKEN_GZIP, 1L);
        // the line the break cut in two, if it did not fall between lines
        assertThat(rejected.keySet()).isSubsetOf(io.ecomlog.reader.RecordReader.BROKEN_GZIP,
                MalformedEventException.Reason.NOT_JSON.label());
        assertThat(rejected.getOrDefault(MalformedEventException.Reason.NOT_JSON.label(), 0L)).isLessThanOrEqualTo(1L);
    }

    @Test
    void documentsThatStillFailAfterTheRetriesAreDeadLetteredWithTheirReason() throws Exception {
        try (var proxy = new OpenSearchProxy(OpenSearchNode.shared().endpoint())) {
            var test = TestIndexers.to(proxy.endpoint(), Map.of("BULK_MAX_ATTEMPTS", "3"));
            var ids = ApacheSample.events().subList(5, 8).stream().map(e -> e.eventId().toString()).toList();
            proxy.failItems(ids, 429, Integer.MAX_VALUE);
            String key = put("processed", ApacheSample.encoded().subList(0, 50));

            Map<String, Object> report = new S3IndexerHandler(test.indexer)
                    .handleRequest(S3Events.notification(processed, key), null);

            assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(47);
            assertThat(report).containsEntry("dead_lettered", 3L).containsEntry("retried_items", 6L);
            var letters = DeadLetterObjects.read(test.bucket, "opensearch-dead-letter/failed/");
            assertThat(letters).extracting(l -> l.get("id").asText()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(letters).allSatisfy(l -> {
                assertThat(l.get("status").asInt()).isEqualTo(429);
                assertThat(l.get("attempts").asInt()).isEqualTo(3);
                assertThat(l.get("error_type").asText()).isEqualTo("es_rejected_execution_exception");
                assertThat(l.get("document").get("event_type").asText()).isEqualTo("http_access");
            });
        }
    }

    @Test
    void whenTheDeadLetterCannotBeWrittenTheInvocationFailsSoLambdaReadsTheObjectAgain() {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint(),
                Map.of("DEAD_LETTER_BUCKET", "no-such-bucket-" + UUID.randomUUID()));
        var lines = List.of(ApacheSample.encoded().get(0), bytes("not json"));
        String key = put("processed", lines);

        assertThatThrownBy(() -> new S3IndexerHandler(test.indexer)
                .handleRequest(S3Events.notification(processed, key), null))
                .hasMessageContaining("bucket");
    }

    @Test
    void aMissingObjectFailsTheInvocation() {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint());

        assertThatThrownBy(() -> new S3IndexerHandler(test.indexer)
                .handleRequest(S3Events.notification(processed, "no/such/object.ndjson.gz"), null))
                .hasMessageContaining("key");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
