package io.ecomlog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WireFormatsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void kinesisCborCarriesDataAsAByteStringAndRoundTrips() throws Exception {
        byte[] body = KinesisWire.encodePutRecordsRequest(KinesisWire.Format.CBOR, "s1",
                List.of(new KinesisWire.Entry("k1", new byte[] {0, 1, (byte) 0xff}), new KinesisWire.Entry("k2", utf8("x"), "42")));

        JsonNode tree = new CBORMapper().readTree(body);
        assertThat(tree.get("Records").get(0).get("Data").isBinary()).isTrue();

        KinesisWire.PutRecordsBatch batch = KinesisWire.decodePutRecordsRequest(KinesisWire.CBOR_CONTENT_TYPE, body);
        assertThat(batch.stream()).isEqualTo("s1");
        assertThat(batch.entries()).containsExactly(new KinesisWire.Entry("k1", new byte[] {0, 1, (byte) 0xff}),
                new KinesisWire.Entry("k2", utf8("x"), "42"));
    }

    @Test
    void kinesisJsonCarriesDataAsBase64() throws Exception {
        byte[] body = KinesisWire.encodePutRecordsRequest(KinesisWire.Format.JSON, "s1",
                List.of(new KinesisWire.Entry("k1", utf8("hello"))));

        JsonNode tree = new ObjectMapper().readTree(body);
        assertThat(tree.get("Records").get(0).get("Data").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(utf8("hello")));
        assertThat(KinesisWire.decodePutRecordsRequest(KinesisWire.JSON_CONTENT_TYPE, body).entries().get(0).data())
                .isEqualTo(utf8("hello"));
    }

    @Test
    void streamNameIsTakenFromTheArnWhenOnlyTheArnIsSent() {
        byte[] body = utf8("{\"StreamARN\":\"arn:aws:kinesis:us-east-1:000000000000:stream/orders\","
                + "\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":\"p\"}]}");
        assertThat(KinesisWire.decodePutRecordsRequest(KinesisWire.Format.JSON, body).stream()).isEqualTo("orders");
    }

    @Test
    void kinesisResponsesRoundTripInBothFormats() throws Exception {
        List<KinesisWire.EntryResult> results = List.of(
                KinesisWire.EntryResult.success(KinesisWire.fakeSequenceNumber(1), "shardId-000000000000"),
                KinesisWire.EntryResult.failure(KinesisWire.PROVISIONED_THROUGHPUT_EXCEEDED, "slow down"));
        for (KinesisWire.Format format : KinesisWire.Format.values()) {
            byte[] body = KinesisWire.encodePutRecordsResponse(format, results);
            assertThat(KinesisWire.decodePutRecordsResponse(format, body)).isEqualTo(results);
        }
        JsonNode json = new ObjectMapper().readTree(KinesisWire.encodePutRecordsResponse(KinesisWire.Format.JSON, results));
        assertThat(json.get("FailedRecordCount").asInt()).isEqualTo(1);
        assertThat(KinesisWire.fakeSequenceNumber(1)).hasSize(56);
    }

    @Test
    void firehoseRequestAndResponseRoundTrip() throws Exception {
        byte[] request = FirehoseWire.encodePutRecordBatchRequest("ds", List.of(utf8("a"), utf8("b")));
        assertThat(new ObjectMapper().readTree(request).get("Records").get(1).get("Data").asText()).isEqualTo("Yg==");
        FirehoseWire.PutRecordBatch batch = FirehoseWire.decodePutRecordBatchRequest(request);
        assertThat(batch.deliveryStreamName()).isEqualTo("ds");
        assertThat(batch.records()).containsExactly(utf8("a"), utf8("b"));

        List<FirehoseWire.EntryResult> results = List.of(FirehoseWire.EntryResult.success("id-1"),
                FirehoseWire.EntryResult.failure(FirehoseWire.SERVICE_UNAVAILABLE, "busy"));
        byte[] response = FirehoseWire.encodePutRecordBatchResponse(results);
        JsonNode tree = new ObjectMapper().readTree(response);
        assertThat(tree.get("FailedPutCount").asInt()).isEqualTo(1);
        assertThat(tree.get("Encrypted").asBoolean(true)).isFalse();
        assertThat(FirehoseWire.decodePutRecordBatchResponse(response)).isEqualTo(results);
    }
}
