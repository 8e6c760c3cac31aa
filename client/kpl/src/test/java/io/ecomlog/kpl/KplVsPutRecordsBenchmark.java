package io.ecomlog.kpl;

import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.pipeline.PartitionKeyStrategy;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.transport.Destination;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KPL vs plain PutRecords, end to end against kinesis-local on this machine: the same events through the same client,
 * once with {@code .kinesis(client, stream)} and once with {@code .destination(new KplDestination(...))} (packed and
 * one event per user record), with many distinct partition keys (one per session, {@code keyBuckets(0)}) — the case
 * KPL aggregation is for. Prints wall time to a flushed client, user records handed over, and the Kinesis records
 * actually stored (what a shard's 1,000 records/s and PUT payload units are counted in).
 *
 * <p>Not part of the build's tests (its name matches no surefire include); run it explicitly:
 * {@code ./mvnw -o -pl ecomlog-kpl test -Dtest=KplVsPutRecordsBenchmark -Decomlog.kpl.bench.events=20000
 * -Decomlog.kpl.bench.sessions=5000}. kinesis-local stores about 1–2 k records/s, so its figures compare the
 * transports' record counts much better than their absolute speed.
 */
class KplVsPutRecordsBenchmark {

    private final KinesisLocal kinesis = KinesisLocal.shared();
    private final int events = Integer.getInteger("ecomlog.kpl.bench.events", 10_000);
    private final int sessions = Integer.getInteger("ecomlog.kpl.bench.sessions", 2_000);

    private byte[] line(int i) {
        var json = "{\"event_id\":\"" + KplTestSupport.id(i) + "\",\"event_type\":\"product_viewed\","
                + "\"schema_version\":1,\"event_time\":\"2026-11-22T10:15:30.123Z\",\"session_id\":\"s-"
                + (i % sessions) + "\",\"product_id\":\"p-" + i + "\",\"name\":\"Smartphone X\",\"brand\":\"acme\","
                + "\"category\":\"electronics/smartphone\",\"price\":\"199.99\",\"currency\":\"EUR\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void compare() throws Exception {
        System.out.printf(Locale.ROOT, "%d events, %d sessions (= partition keys), 2 shards%n", events, sessions);
        run("putrecords", stream -> null);
        run("putrec-random", stream -> null);
        run("kpl-packed", stream -> new KplDestination(KplTestSupport.localSettings(kinesis, stream).build()));
        run("kpl-per-event", stream -> new KplDestination(KplTestSupport.localSettings(kinesis, stream)
                .packing(false).build()));
    }

    private void run(String label, Function<String, Destination> kpl) throws Exception {
        var stream = kinesis.uniqueStreamName("bench-" + label);
        kinesis.createStream(stream, 2);
        var destination = kpl.apply(stream);
        var builder = EcomlogClient.builder().producerId("bench").shutdownHook(false)
                .partitionKey(label.endsWith("random") ? PartitionKeyStrategy.RANDOM : PartitionKeyStrategy.SESSION)
                .keyBuckets(0)
                .queueCapacity(Math.max(100_000, events)).linger(Duration.ofMillis(100));
        builder = destination == null ? builder.kinesis(kinesis.client(), stream) : builder.destination(destination);
        String name = destination == null ? "kinesis:" + stream : destination.name();
        try (var client = builder.build()) {
            client.submitJson(line(events)); // warm-up: the KPL fetches the shard map
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            Thread.sleep(1000);
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                client.submitJson(line(i));
            }
            assertThat(client.flush(Duration.ofMinutes(5))).isTrue();
            double seconds = (System.nanoTime() - start) / 1e9;
            var stats = client.stats().destination(name);
            var records = kinesis.readAll(stream);
            // PUT payload units: each stored record costs ceil((data + partition key) / 25 KB), 25 KB = 25,000 B
            long units = 0;
            long bytes = 0;
            for (var r : records) {
                long size = r.data().length + r.partitionKey().length();
                bytes += size;
                units += (size + 24_999) / 25_000;
            }
            System.out.printf(Locale.ROOT,
                    "%-14s %6.2f s  %8.0f events/s  sent %d  user records %d  calls %d  kinesis records %d  "
                            + "PUT units %d (%.0f per 1 M events, %.3f x minimum)  backed up %d%n",
                    label, seconds, events / seconds, stats.sent(), stats.records(), stats.calls(), records.size(),
                    units, units * 1e6 / (events + 1), units / Math.ceil(bytes / 25_000.0), stats.backedUpTotal());
        }
        kinesis.deleteStream(stream);
    }
}
