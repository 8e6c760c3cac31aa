package io.ecomlog.backend.opensearch;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.OpenSearchNode;
import io.ecomlog.testing.OpenSearchProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Faults between the indexer and the real node, injected by {@link OpenSearchProxy}: items answered 429, an outage,
 * no answer at all, a dead-letter bucket that is gone. Each is retried within its bound, and what still fails is
 * handed back or dead-lettered, never dropped.
 */
class FaultInjectionTest {

    private static OpenSearchClient node;
    private OpenSearchProxy proxy;

    @BeforeAll
    static void node() {
        node = TestIndexers.nodeClient();
    }

    @BeforeEach
    void startProxy() throws Exception {
        proxy = new OpenSearchProxy(OpenSearchNode.shared().endpoint());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    /** An indexer through the proxy whose template is already on the node (setup is not what these test). */
    private TestIndexers throughProxy(String maxAttempts) {
        var test = TestIndexers.to(proxy.endpoint(), Map.of("OPENSEARCH_SETUP", "false",
                "BULK_MAX_ATTEMPTS", maxAttempts));
        new ClusterSetup(node).install(new DailyIndex(test.prefix), 0, 30);
        return test;
    }

    private static List<byte[]> lines(int from, int to) {
        return ApacheSample.encoded().subList(from, to);
    }

    private static List<String> ids(int from, int to) {
        return ApacheSample.events().subList(from, to).stream().map(e -> e.eventId().toString()).toList();
    }

    @Test
    void itemsAnswered429AreRetriedWithBackoffUntilIndexed() {
        var test = throughProxy("5");
        proxy.failItems(ids(10, 20), 429, 2);

        StreamsEventResponse response = new KinesisIndexerHandler(test.indexer)
                .handleRequest(KinesisBatches.of(lines(0, 100), 10).event(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(100);
        assertThat(ids(10, 20)).allSatisfy(id -> assertThat(proxy.tries(id)).isEqualTo(3));
        assertThat(ids(0, 10)).allSatisfy(id -> assertThat(proxy.tries(id)).isEqualTo(1));
        // one request, then two retries of only the failed items, each after a wait within the bounds
        assertThat(proxy.bulkRequests()).isEqualTo(3);
        assertThat(test.sleeps).hasSize(2).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(5),
                Duration.ofMillis(100)));
        assertThat(DeadLetterObjects.read(test.bucket, "")).isEmpty();
    }

    @Test
    void itemsThatKeepGetting429AreHandedBackAsBatchItemFailuresAfterTheBoundedTries() {
        var test = throughProxy("3");
        // records of 10 events: events 20-29 are record 3, event 45 is in record 5
        proxy.failItems(ids(20, 30), 429, Integer.MAX_VALUE);
        proxy.failItems(ids(45, 46), 503, Integer.MAX_VALUE);

        StreamsEventResponse response = new KinesisIndexerHandler(test.indexer)
                .handleRequest(KinesisBatches.of(lines(0, 100), 10).event(), null);

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder(KinesisBatches.sequence(3), KinesisBatches.sequence(5));
        assertThat(ids(20, 30)).allSatisfy(id -> assertThat(proxy.tries(id)).isEqualTo(3));
        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(89);
        assertThat(test.logLines).anySatisfy(line -> assertThat(line)
                .contains("\"redelivered\":20").contains("\"es_rejected_execution_exception\":10"));
        // handed back, not dead-lettered: Lambda delivers the two records again
        assertThat(DeadLetterObjects.read(test.bucket, "")).isEmpty();
    }

    @Test
    void anOutageIsRetriedWithinItsBoundThenTheWholeBatchIsHandedBackAndIndexedOnRedelivery() {
        var test = throughProxy("3");
        proxy.outage(503, Integer.MAX_VALUE);
        var handler = new KinesisIndexerHandler(test.indexer);
        var batch = KinesisBatches.of(lines(0, 60), 20).event();

        StreamsEventResponse response = handler.handleRequest(batch, null);

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(KinesisBatches.sequence(1), KinesisBatches.sequence(2), KinesisBatches.sequence(3));
        assertThat(proxy.bulkRequests()).isEqualTo(3);
        assertThat(test.sleeps).hasSize(2);

        proxy.outage(503, 0);
        assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).isEmpty();
        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(60);
    }

    @Test
    void aShortOutageIsRiddenOut() {
        var test = throughProxy("5");
        proxy.outage(502, 2);

        StreamsEventResponse response = new KinesisIndexerHandler(test.indexer)
                .handleRequest(KinesisBatches.of(lines(0, 30), 10).event(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(30);
        assertThat(proxy.bulkRequests()).isEqualTo(3);
    }

    @Test
    void aWholeRequestAnswered429WithAnErrorBodyIsRetried() {
        var test = throughProxy("5");
        proxy.outage(429, 1, "application/json", "{\"error\":{\"type\":\"es_rejected_execution_exception\","
                + "\"reason\":\"rejected execution of coordinating operation\"},\"status\":429}");

        StreamsEventResponse response = new KinesisIndexerHandler(test.indexer)
                .handleRequest(KinesisBatches.of(lines(0, 20), 10).event(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(20);
        assertThat(proxy.bulkRequests()).isEqualTo(2);
    }

    @Test
    void aWholeRequestRefusedWith400GoesToTheDeadLetterPrefixUntried() {
        var test = throughProxy("5");
        proxy.outage(400, 1, "application/json", "{\"error\":{\"type\":\"illegal_argument_exception\","
                + "\"reason\":\"injected: request refused\"},\"status\":400}");

        StreamsEventResponse response = new KinesisIndexerHandler(test.indexer)
                .handleRequest(KinesisBatches.of(lines(0, 20), 10).event(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(proxy.bulkRequests()).isEqualTo(1);
        var letters = DeadLetterObjects.read(test.bucket, "opensearch-dead-letter/failed/");
        assertThat(letters).hasSize(20).allSatisfy(letter -> {
            assertThat(letter.get("status").asInt()).isEqualTo(400);
            assertThat(letter.get("error_type").asText()).isEqualTo("illegal_argument_exception");
        });
    }

    @Test
    void noAnswerAtAllIsRetriedWithinItsBoundThenHandedBack() {
        var closed = LocalAws.httpEndpoint(LocalAws.freePort());
        var test = TestIndexers.to(closed, Map.of("OPENSEARCH_SETUP", "false", "BULK_MAX_ATTEMPTS", "2"));

        StreamsEventResponse response = new KinesisIndexerHandler(test.indexer)
                .handleRequest(KinesisBatches.of(lines(0, 10), 5).event(), null);

        assertThat(response.getBatchItemFailures()).hasSize(2);
        assertThat(test.sleeps).hasSize(1);
    }

    @Test
    void aClusterThatCannotBeSetUpFailsTheInvocationSoLambdaDeliversTheBatchAgain() {
        var closed = LocalAws.httpEndpoint(LocalAws.freePort());
        var test = TestIndexers.to(closed);

        assertThatThrownBy(() -> new KinesisIndexerHandler(test.indexer)
                .handleRequest(KinesisBatches.of(lines(0, 10), 5).event(), null))
                .hasMessageContaining("_index_template/" + test.prefix);
    }

    @Test
    void whenTheDeadLetterCannotBeWrittenItsRecordIsHandedBackInstead() {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint(),
                Map.of("DEAD_LETTER_BUCKET", "no-such-bucket-" + UUID.randomUUID()));
        var codec = new EventCodec();
        EcomEvent conflicting = ApacheSample.events().get(0).toBuilder().eventId(UUID.randomUUID())
                .property("error", Map.of("code", 17)).build();
        var event = new KinesisBatches()
                .plainRecord(lines(0, 5))
                .plainRecord(List.of(codec.encode(conflicting)))
                .raw("not json")
                .event();

        StreamsEventResponse response = new KinesisIndexerHandler(test.indexer).handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder(KinesisBatches.sequence(2), KinesisBatches.sequence(3));
        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(5);
    }
}
