package io.ecomlog.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.Moto;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's Firehose path end to end on moto: PutRecordBatch into a delivery stream whose S3 destination is a
 * bucket of the same moto, and the delivered objects read back with this module's {@link ObjectLines} and
 * {@link RecordReader}: every event arrives once and unchanged. (Faults and limits are WireMock's, in the core's
 * FirehoseDeliveryTest: moto enforces none.)
 */
class FirehoseToS3ReadBackTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Moto moto = Moto.shared();

    private static JsonNode withoutSentAt(EcomEvent event) {
        try {
            var json = (ObjectNode) JSON.readTree(CODEC.encode(event));
            json.remove("sent_at");
            return json;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyEventTheClientPutsIsInTheDestinationBucketOnceAndUnchanged() throws Exception {
        String bucket = LocalAws.uniqueName("lake");
        String stream = LocalAws.uniqueName("events");
        try (var s3 = moto.configure(S3Client.builder()).forcePathStyle(true).build();
             var firehose = moto.configure(FirehoseClient.builder()).build()) {
            s3.createBucket(b -> b.bucket(bucket));
            firehose.createDeliveryStream(b -> b.deliveryStreamName(stream).deliveryStreamType("DirectPut")
                    .extendedS3DestinationConfiguration(ExtendedS3DestinationConfiguration.builder()
                            .bucketARN("arn:aws:s3:::" + bucket).prefix("raw/")
                            .roleARN("arn:aws:iam::" + Moto.ACCOUNT + ":role/firehose").build()));

            var sent = new ArrayList<EcomEvent>();
            var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < 120; i++) {
                sent.add(Events.orderCompleted(Order.builder().orderId("O-" + i).total("9.90")
                                .products(List.of(Product.builder("p-" + i).price("9.90").quantity(1).build())).build())
                        .currency("EUR").userId("u-" + (i % 7)).eventTime(now.plusMillis(i)).build());
            }
            var client = EcomlogClient.builder().firehose(firehose, stream).gzip(false).producerId("read-back")
                    .shutdownHook(false).linger(Duration.ofMillis(20)).batchBytes(16 * 1024).build();
            try {
                sent.forEach(e -> assertThat(client.track(e)).isTrue());
                assertThat(client.flush(Duration.ofSeconds(30))).as("flushed").isTrue();
            } finally {
                client.close(Duration.ofSeconds(10));
            }

            var received = new ArrayList<EcomEvent>();
            var rejected = new ArrayList<Rejection>();
            var reader = new RecordReader(CODEC);
            var objects = s3.listObjectsV2(b -> b.bucket(bucket).prefix("raw/")).contents();
            assertThat(objects).as("delivered objects").isNotEmpty();
            for (var object : objects) {
                try (var lines = ObjectLines.open(s3.getObject(b -> b.bucket(bucket).key(object.key())))) {
                    for (var line = lines.next(); line != null; line = lines.next()) {
                        reader.decode(line.bytes(), received, rejected);
                    }
                }
            }
            assertThat(rejected).isEmpty();
            // unchanged but for sent_at, which the client stamps when it sends
            assertThat(received).allSatisfy(e -> assertThat(e.sentAt()).isNotNull());
            assertThat(received.stream().map(FirehoseToS3ReadBackTest::withoutSentAt).toList())
                    .containsExactlyInAnyOrderElementsOf(sent.stream().map(FirehoseToS3ReadBackTest::withoutSentAt)
                            .toList());
        }
    }
}
