package io.ecomlog.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static io.ecomlog.testing.StubChecks.assertConnectionReset;
import static io.ecomlog.testing.StubChecks.assertInjectedServerError;
import static io.ecomlog.testing.StubChecks.timed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirehoseStubTest {

    private static final FirehoseStub stub = FirehoseStub.shared();
    private static FirehoseClient noRetry;

    @BeforeAll
    static void clients() {
        noRetry = stub.newClient(LocalAws.noRetries());
    }

    @AfterAll
    static void close() {
        noRetry.close();
    }

    private static List<Record> records(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> Record.builder().data(SdkBytes.fromUtf8String(prefix + i)).build()).toList();
    }

    private static PutRecordBatchResponse put(FirehoseClient client, String stream, List<Record> records) {
        return client.putRecordBatch(b -> b.deliveryStreamName(stream).records(records));
    }

    private static List<String> received(String stream) {
        return stub.receivedRecords(stream).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void acceptsEveryRecordByDefault() {
        String stream = stub.uniqueDeliveryStreamName("fh-ok");

        PutRecordBatchResponse response = put(stub.client(), stream, records("r", 5));

        assertThat(response.failedPutCount()).isZero();
        assertThat(response.encrypted()).isFalse();
        assertThat(response.requestResponses()).hasSize(5).allSatisfy(e -> assertThat(e.recordId()).isNotBlank());
        assertThat(received(stream)).containsExactly("r0", "r1", "r2", "r3", "r4");
        assertThat(stub.putRecordBatchCalls(stream)).isEqualTo(1);
        assertThat(stub.endpoint().toString()).startsWith("http://127.0.0.1:");
    }

    @Test
    void partialFailureRejectsEveryOtherEntryAndRetriesConverge() {
        String stream = stub.uniqueDeliveryStreamName("fh-partial");
        stub.faults().failEveryOtherEntry(stream, "ServiceUnavailableException");

        PutRecordBatchResponse first = put(noRetry, stream, records("r", 6));

        assertThat(first.failedPutCount()).isEqualTo(3);
        List<PutRecordBatchResponseEntry> entries = first.requestResponses();
        assertThat(List.of(entries.get(1), entries.get(3), entries.get(5)))
                .allSatisfy(e -> {
                    assertThat(e.errorCode()).isEqualTo("ServiceUnavailableException");
                    assertThat(e.recordId()).isNull();
                });
        assertThat(List.of(entries.get(0), entries.get(2), entries.get(4))).allSatisfy(e -> assertThat(e.errorCode()).isNull());
        assertThat(received(stream)).containsExactly("r0", "r2", "r4");

        // resend the failed ones until none fail: 3 -> 1 -> 0
        List<Record> pending = List.of(records("r", 6).get(1), records("r", 6).get(3), records("r", 6).get(5));
        int calls = 1;
        while (!pending.isEmpty()) {
            PutRecordBatchResponse retry = put(noRetry, stream, pending);
            List<Record> current = pending;
            pending = IntStream.range(0, current.size()).filter(i -> retry.requestResponses().get(i).errorCode() != null)
                    .mapToObj(current::get).toList();
            calls++;
        }
        assertThat(calls).isEqualTo(3);
        assertThat(received(stream)).containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4", "r5");
    }

    @Test
    void serverErrorAnswersTheNextCallsWith500() {
        String stream = stub.uniqueDeliveryStreamName("fh-500");
        stub.faults().serverError(stream, 2);

        for (int i = 0; i < 2; i++) {
            assertInjectedServerError(FirehoseException.class, () -> put(noRetry, stream, records("lost", 2)));
        }
        assertThat(put(noRetry, stream, records("kept", 2)).failedPutCount()).isZero();

        assertThat(received(stream)).containsExactly("kept0", "kept1");
        assertThat(stub.putRecordBatchCalls(stream)).isEqualTo(3);
    }

    @Test
    void theSdksOwnRetriesRideOutTransientFaults() {
        String stream = stub.uniqueDeliveryStreamName("fh-sdk-retry");
        stub.faults().serverError(stream, 1);
        stub.faults().connectionReset(stream, 1);

        assertThat(put(stub.client(), stream, records("r", 3)).failedPutCount()).isZero();

        assertThat(stub.putRecordBatchCalls(stream)).isEqualTo(3);
        assertThat(received(stream)).containsExactly("r0", "r1", "r2");
    }

    @Test
    void connectionResetFailsTheNextCallsWithoutAnAnswer() {
        String stream = stub.uniqueDeliveryStreamName("fh-reset");
        stub.faults().connectionReset(stream, 1);

        assertConnectionReset(() -> put(noRetry, stream, records("lost", 1)));
        put(noRetry, stream, records("kept", 1));

        assertThat(received(stream)).containsExactly("kept0");
    }

    @Test
    void latencyDelaysAnswersAndTripsClientTimeouts() {
        String stream = stub.uniqueDeliveryStreamName("fh-slow");
        stub.faults().latency(stream, Duration.ofMillis(300));

        assertThat(timed(() -> put(noRetry, stream, records("r", 1)))).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        try (FirehoseClient impatient = stub.newClient(ClientOverrideConfiguration.builder()
                .retryStrategy(LocalAws.noRetries().retryStrategy().orElseThrow())
                .apiCallAttemptTimeout(Duration.ofMillis(100)).build())) {
            assertThatThrownBy(() -> put(impatient, stream, records("late", 1)))
                    .isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("100");
        }
        stub.faults().heal(stream);
        assertThat(timed(() -> put(noRetry, stream, records("fast", 1)))).isLessThan(Duration.ofMillis(300));
    }

    @Test
    void outageFailsEveryCallUntilHealedAndStaysOnItsStream() {
        String down = stub.uniqueDeliveryStreamName("fh-down");
        String resetting = stub.uniqueDeliveryStreamName("fh-down-reset");
        String healthy = stub.uniqueDeliveryStreamName("fh-healthy");
        stub.faults().outage(down);
        stub.faults().outage(resetting, OutageMode.CONNECTION_RESET);

        for (int i = 0; i < 3; i++) {
            assertInjectedServerError(FirehoseException.class, () -> put(noRetry, down, records("lost", 1)));
            assertConnectionReset(() -> put(noRetry, resetting, records("lost", 1)));
        }
        assertThat(put(noRetry, healthy, records("h", 1)).failedPutCount()).isZero();

        for (String healed : List.of(down, resetting)) {
            stub.faults().heal(healed);
            put(noRetry, healed, records("back", 1));
            assertThat(received(healed)).containsExactly("back0");
        }
        assertThat(received(healthy)).containsExactly("h0");
        assertThat(stub.putRecordBatchCalls(down)).isEqualTo(4);
    }

    @Test
    void resetOfOneStreamForgetsItsFaultsAndCalls() {
        String stream = stub.uniqueDeliveryStreamName("fh-forget");
        put(noRetry, stream, records("old", 2));
        stub.faults().outage(stream);

        stub.reset(stream);

        assertThat(received(stream)).isEmpty();
        put(noRetry, stream, records("new", 1));
        assertThat(received(stream)).containsExactly("new0");
    }

    @Test
    void otherOperationsAreRefusedClearly() {
        assertThatThrownBy(() -> noRetry.describeDeliveryStream(b -> b.deliveryStreamName("x")))
                .isInstanceOfSatisfying(FirehoseException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
    }
}
