package io.ecomlog.testing;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class KinesisLocalTest {

    private final KinesisLocal local = KinesisLocal.shared();

    @Test
    void recordsPutWithCborAndJsonClientsAreReadBackByTheIndependentReader() {
        String stream = local.uniqueStreamName("kl-roundtrip");
        local.createStream(stream, 2);

        List<PutRecordsRequestEntry> entries = IntStream.range(0, 20)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("pk-" + i)
                        .data(SdkBytes.fromUtf8String("event-" + i)).build())
                .toList();
        PutRecordsResponse cbor = local.client().putRecords(b -> b.streamName(stream).records(entries));
        assertThat(cbor.failedRecordCount()).isZero();
        try (KinesisClient json = local.newClient(KinesisWire.Format.JSON, (ClientOverrideConfiguration) null)) {
            json.putRecord(b -> b.streamName(stream).partitionKey("json-pk").data(SdkBytes.fromUtf8String("json-event")));
        }

        List<KinesisRecordData> all = local.readAll(stream);

        assertThat(all).hasSize(21);
        Map<String, String> byKey = all.stream()
                .collect(Collectors.toMap(KinesisRecordData::partitionKey, KinesisRecordData::dataAsString));
        assertThat(byKey).containsEntry("pk-7", "event-7").containsEntry("json-pk", "json-event");
        assertThat(all).extracting(KinesisRecordData::sequenceNumber).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(all).extracting(KinesisRecordData::shardId).containsOnly("shardId-000000000000", "shardId-000000000001");
        assertThat(all.stream().map(KinesisRecordData::shardId).distinct()).hasSize(2);
        // within a shard, records come in sequence order
        for (String shard : Set.of("shardId-000000000000", "shardId-000000000001")) {
            List<BigInteger> seqs = all.stream().filter(r -> r.shardId().equals(shard))
                    .map(r -> new BigInteger(r.sequenceNumber())).toList();
            assertThat(seqs).isSortedAccordingTo(Comparator.naturalOrder());
        }
        // the sequence numbers are the ones the producer was told
        Set<String> told = new HashSet<>();
        cbor.records().forEach(r -> told.add(r.sequenceNumber()));
        assertThat(all).extracting(KinesisRecordData::sequenceNumber).containsAll(told);
    }

    @Test
    void anEmptyStreamReadsAsEmptyAndCreateStreamIsIdempotent() {
        String stream = local.uniqueStreamName("kl-empty");
        local.createStream(stream);
        local.createStream(stream);

        assertThat(local.readAll(stream)).isEmpty();
        assertThat(local.uniqueStreamName("x")).isNotEqualTo(local.uniqueStreamName("x"));
    }

    @Test
    void listensOnLoopbackAndKeepsItsOutputUnderTarget() {
        assertThat(local.endpoint().toString()).startsWith("http://127.0.0.1:");
        assertThat(local.tlsPort()).isPositive().isNotEqualTo(local.plainPort());
        assertThat(local.logFile()).exists().startsWith(LocalAws.targetDir());
    }
}
