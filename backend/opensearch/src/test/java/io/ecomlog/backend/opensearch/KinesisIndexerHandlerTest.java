package io.ecomlog.backend.opensearch;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.codec.MalformedEventException;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.reader.RecordReader;
import io.ecomlog.testing.OpenSearchNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kinesis handler against the real node: the Apache sample, re-delivery, bad input, a mapping conflict. */
class KinesisIndexerHandlerTest {

    private static OpenSearchClient node;

    @BeforeAll
    static void node() {
        node = TestIndexers.nodeClient();
    }

    @Test
    void indexesEveryEventOfTheApacheSampleFromGzipPlainAndKplRecordsUnderItsEventId() throws Exception {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint());
        List<byte[]> lines = ApacheSample.encoded();
        var event = KinesisBatches.of(lines, 50).event();

        StreamsEventResponse response = new KinesisIndexerHandler(test.indexer).handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(ApacheSample.events()).hasSizeGreaterThan(4_900);
        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(ApacheSample.events().size());
        EcomEvent first = ApacheSample.events().get(0);
        var doc = node.get(g -> g.index(test.indexer.document(first, "").index()).id(first.eventId().toString()),
                com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(doc.found()).isTrue();
        assertThat(doc.source().get("event_type").asText()).isEqualTo("http_access");
        assertThat(doc.source().get("status").asInt()).isEqualTo(200); // the sample's first line
        // 5,000 events at 1,000 per bulk request: 5 requests, not 5,000
        assertThat(test.logLines).anySatisfy(line -> assertThat(line).contains("\"bulk_requests\":5"));
    }

    @Test
    void bulkRequestsStayUnderTheirByteBound() {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint(), Map.of("BULK_MAX_BYTES", "2048"));
        var events = ApacheSample.events().subList(0, 40);
        // the chunks the bound allows: greedy, each under 2 KiB of documents (a single larger one alone)
        int expected = 0;
        long bytes = 0;
        for (var e : events) {
            int size = test.indexer.document(e, "").source().length;
            if (expected == 0 || bytes + size > 2048) {
                expected++;
                bytes = 0;
            }
            bytes += size;
        }
        var lines = events.stream().map(new EventCodec()::encode).toList();

        new KinesisIndexerHandler(test.indexer).handleRequest(KinesisBatches.of(lines, 40).event(), null);

        assertThat(expected).isBetween(10, 39);
        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(40);
        int requests = expected;
        assertThat(test.logLines).anySatisfy(line -> assertThat(line).contains("\"bulk_requests\":" + requests));
    }

    @Test
    void redeliveryOfTheSameBatchDoesNotDuplicate() {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint());
        var lines = ApacheSample.encoded().subList(0, 300);
        var handler = new KinesisIndexerHandler(test.indexer);

        handler.handleRequest(KinesisBatches.of(lines, 25).event(), null);
        handler.handleRequest(KinesisBatches.of(lines, 25).event(), null);
        // a re-sharded producer groups differently: same events, other records
        handler.handleRequest(KinesisBatches.of(lines, 7).event(), null);

        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(300);
    }

    @Test
    void badInputIsCountedByReasonAndDeadLetteredWhileGoodRecordsBesideItAreIndexed() {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint());
        var good = ApacheSample.encoded().subList(0, 40);
        var event = new KinesisBatches()
                .gzipRecord(good.subList(0, 20))
                .raw("this is not json")
                .raw("{\"hello\":\"world\"}")
                .raw(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3}) // gzip magic, then garbage
                .plainRecord(List.of(good.get(20), "{\"event_type\":\"http_access\"".getBytes(
                        StandardCharsets.UTF_8), good.get(21)))
                .plainRecord(good.subList(22, 40))
                .event();

        StreamsEventResponse response = new KinesisIndexerHandler(test.indexer).handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(40);
        String report = test.logLines.stream().filter(l -> l.contains("kinesis batch indexed")).findFirst()
                .orElseThrow();
        assertThat(report)
                .contains("\"" + MalformedEventException.Reason.NOT_JSON.label() + "\":2")
                .contains("\"" + MalformedEventException.Reason.NOT_AN_EVENT.label() + "\":1")
                .contains("\"" + RecordReader.BROKEN_GZIP + "\":1")
                .contains("\"dead_lettered\":4");
        var letters = DeadLetterObjects.read(test.bucket, "opensearch-dead-letter/rejected/");
        assertThat(letters).hasSize(4).allSatisfy(l -> assertThat(l.get("kind").asText()).isEqualTo("rejected"));
        assertThat(letters).extracting(l -> l.get("origin").asText())
                .containsOnly(KinesisBatches.sequence(2), KinesisBatches.sequence(3), KinesisBatches.sequence(4),
                        KinesisBatches.sequence(5));
    }

    @Test
    void aDocumentTheIndexRefusesGoesToTheDeadLetterPrefixWithItsReasonAndIsNotRetried() {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint());
        var codec = new EventCodec();
        var sample = ApacheSample.events().get(0);
        // a valid event whose free-form properties put an object where the mapping has a keyword
        EcomEvent conflicting = sample.toBuilder().eventId(java.util.UUID.randomUUID())
                .property("error", Map.of("code", 17)).build();
        var lines = List.of(codec.encode(ApacheSample.events().get(1)), codec.encode(conflicting),
                codec.encode(ApacheSample.events().get(2)));

        StreamsEventResponse response = new KinesisIndexerHandler(test.indexer)
                .handleRequest(new KinesisBatches().plainRecord(lines).event(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(2);
        assertThat(test.sleeps).isEmpty();
        var letters = DeadLetterObjects.read(test.bucket, "opensearch-dead-letter/failed/");
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.get("status").asInt()).isEqualTo(400);
            assertThat(letter.get("error_type").asText()).isEqualTo("mapper_parsing_exception");
            assertThat(letter.get("reason").asText()).contains("properties.error");
            assertThat(letter.get("attempts").asInt()).isEqualTo(1);
            assertThat(letter.get("id").asText()).isEqualTo(conflicting.eventId().toString());
            assertThat(letter.get("document").get("event_id").asText()).isEqualTo(conflicting.eventId().toString());
        });
    }
}
