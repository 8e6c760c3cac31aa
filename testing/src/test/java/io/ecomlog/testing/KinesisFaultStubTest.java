package io.ecomlog.testing;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.ecomlog.testing.StubChecks.assertConnectionReset;
import static io.ecomlog.testing.StubChecks.assertInjectedServerError;
import static io.ecomlog.testing.StubChecks.timed;
import static org.assertj.core.api.Assertions.assertThat;

class KinesisFaultStubTest {

    private static final KinesisFaultStub stub = KinesisFaultStub.shared();
    private static final KinesisLocal local = stub.kinesisLocal();
    private static final Map<KinesisWire.Format, KinesisClient> noRetry = new EnumMap<>(KinesisWire.Format.class);

    @BeforeAll
    static void clients() {
        for (KinesisWire.Format format : KinesisWire.Format.values()) {
            noRetry.put(format, stub.newClient(format, LocalAws.noRetries()));
        }
    }

    @AfterAll
    static void close() {
        noRetry.values().forEach(KinesisClient::close);
    }

    private static String newStream(String prefix) {
        String stream = local.uniqueStreamName(prefix);
        local.createStream(stream);
        return stream;
    }

    private static List<PutRecordsRequestEntry> entries(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey(prefix + "-pk-" + i)
                .data(SdkBytes.fromUtf8String(prefix + i)).build()).toList();
    }

    private static PutRecordsResponse put(KinesisClient client, String stream, List<PutRecordsRequestEntry> entries) {
        return client.putRecords(b -> b.streamName(stream).records(entries));
    }

    private static List<String> stored(String stream) {
        return local.readAll(stream).stream().map(KinesisRecordData::dataAsString).toList();
    }

    @ParameterizedTest
    @EnumSource(KinesisWire.Format.class)
    void withoutFaultsEveryCallIsProxiedToKinesisLocal(KinesisWire.Format format) {
        KinesisClient client = noRetry.get(format);
        String stream = local.uniqueStreamName("kf-proxy-" + format.name().toLowerCase());
        client.createStream(b -> b.streamName(stream).shardCount(1)); // proxied control-plane call
        local.createStream(stream); // waits for ACTIVE
        assertThat(client.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus())
                .isEqualTo(StreamStatus.ACTIVE);

        PutRecordsResponse response = put(client, stream, entries("r", 4));

        assertThat(response.failedRecordCount()).isZero();
        List<KinesisRecordData> records = local.readAll(stream);
        assertThat(records).extracting(KinesisRecordData::dataAsString).containsExactlyInAnyOrder("r0", "r1", "r2", "r3");
        assertThat(records).extracting(KinesisRecordData::sequenceNumber)
                .containsExactlyInAnyOrderElementsOf(response.records().stream().map(PutRecordsResultEntry::sequenceNumber).toList());
        // the client really spoke the format under test
        List<ServeEvent> puts = stub.server().getAllServeEvents().stream()
                .filter(e -> KinesisWire.PUT_RECORDS_TARGET.equals(e.getRequest().getHeader(KinesisWire.TARGET_HEADER)))
                .filter(e -> stream.equals(KinesisWire.decodePutRecordsRequest(e.getRequest().getHeader("Content-Type"),
                        e.getRequest().getBody()).stream()))
                .toList();
        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).getRequest().getHeader("Content-Type")).isEqualTo(format.contentType());
    }

    @ParameterizedTest
    @EnumSource(KinesisWire.Format.class)
    void partialFailureThrottlesEveryOtherEntryAndDeliversTheRest(KinesisWire.Format format) {
        String stream = newStream("kf-partial");
        stub.faults().failEveryOtherEntry(stream);

        PutRecordsResponse response = put(noRetry.get(format), stream, entries("r", 6));

        assertThat(response.failedRecordCount()).isEqualTo(3);
        List<PutRecordsResultEntry> results = response.records();
        for (int i = 0; i < 6; i++) {
            if (i % 2 == 1) {
                assertThat(results.get(i).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                assertThat(results.get(i).sequenceNumber()).isNull();
            } else {
                assertThat(results.get(i).errorCode()).isNull();
                assertThat(results.get(i).shardId()).isEqualTo("shardId-000000000000");
            }
        }
        List<KinesisRecordData> records = local.readAll(stream);
        assertThat(records).extracting(KinesisRecordData::dataAsString).containsExactly("r0", "r2", "r4");
        assertThat(records).extracting(KinesisRecordData::partitionKey).containsExactly("r-pk-0", "r-pk-2", "r-pk-4");
        assertThat(records).extracting(KinesisRecordData::sequenceNumber).containsExactly(
                results.get(0).sequenceNumber(), results.get(2).sequenceNumber(), results.get(4).sequenceNumber());
    }

    @ParameterizedTest
    @EnumSource(KinesisWire.Format.class)
    void serverErrorAnswersTheNextCallsWith500AndStoresNothing(KinesisWire.Format format) {
        String stream = newStream("kf-500");
        stub.faults().serverError(stream, 1);

        assertInjectedServerError(KinesisException.class, () -> put(noRetry.get(format), stream, entries("lost", 2)));
        assertThat(stored(stream)).isEmpty();
        assertThat(put(noRetry.get(format), stream, entries("kept", 1)).failedRecordCount()).isZero();

        assertThat(stored(stream)).containsExactly("kept0");
        assertThat(stub.putRecordsCalls(stream)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(KinesisWire.Format.class)
    void connectionResetFailsTheNextCallsWithoutStoring(KinesisWire.Format format) {
        String stream = newStream("kf-reset");
        stub.faults().connectionReset(stream, 1);

        assertConnectionReset(() -> put(noRetry.get(format), stream, entries("lost", 1)));
        put(noRetry.get(format), stream, entries("kept", 1));

        assertThat(stored(stream)).containsExactly("kept0");
    }

    @ParameterizedTest
    @EnumSource(KinesisWire.Format.class)
    void latencyDelaysTheProxiedAnswer(KinesisWire.Format format) {
        String stream = newStream("kf-slow");
        stub.faults().latency(stream, Duration.ofMillis(300));

        assertThat(timed(() -> put(noRetry.get(format), stream, entries("r", 2))))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(stored(stream)).containsExactlyInAnyOrder("r0", "r1");
    }

    @ParameterizedTest
    @EnumSource(KinesisWire.Format.class)
    void outageFailsEveryCallUntilHealed(KinesisWire.Format format) {
        String down = newStream("kf-down");
        String resetting = newStream("kf-down-reset");
        stub.faults().outage(down);
        stub.faults().outage(resetting, OutageMode.CONNECTION_RESET);
        KinesisClient client = noRetry.get(format);

        for (int i = 0; i < 2; i++) {
            assertInjectedServerError(KinesisException.class, () -> put(client, down, entries("lost", 1)));
            assertConnectionReset(() -> put(client, resetting, entries("lost", 1)));
        }
        for (String healed : List.of(down, resetting)) {
            stub.faults().heal(healed);
            put(client, healed, entries("back", 1));
            assertThat(stored(healed)).containsExactly("back0");
        }
    }

    @Test
    void theSdksOwnRetriesRideOutTransientFaultsWithoutDuplicates() {
        String stream = newStream("kf-sdk-retry");
        stub.faults().serverError(stream, 1);
        stub.faults().connectionReset(stream, 1);

        assertThat(put(stub.client(), stream, entries("r", 3)).failedRecordCount()).isZero();

        assertThat(stub.putRecordsCalls(stream)).isEqualTo(3);
        assertThat(stored(stream)).containsExactlyInAnyOrder("r0", "r1", "r2");
    }
}
