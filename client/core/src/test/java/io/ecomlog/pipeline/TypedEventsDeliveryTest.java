package io.ecomlog.pipeline;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.Events;
import io.ecomlog.event.ExampleEvents;
import io.ecomlog.event.LogRecord;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.transport.LocalFolderStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typed events of every type through the whole client, read back by independent readers and decoded: what arrives is
 * what was tracked (the pipeline adds only {@code sent_at}), including strings that were broken UTF-16 or full of
 * control characters.
 */
class TypedEventsDeliveryTest {

    @TempDir
    Path dir;

    private final EventCodec codec = new EventCodec();

    private static EcomEvent withoutSentAt(EcomEvent e) {
        return e.toBuilder().sentAt(null).build();
    }

    private List<EcomEvent> decodeAll(List<byte[]> records) {
        return RecordCodec.lines(records).stream().map(codec::decode).toList();
    }

    private static List<byte[]> lakeObjects(Path lake) throws java.io.IOException {
        var store = new LocalFolderStore(lake);
        var objects = new ArrayList<byte[]>();
        for (var key : store.list("")) {
            objects.add(store.get(key));
        }
        return objects;
    }

    @Test
    void everyEventTypeArrivesInKinesisAsItWasTracked() {
        var kinesis = KinesisLocal.shared();
        var stream = kinesis.uniqueStreamName("typed");
        kinesis.createStream(stream, 1);
        var tracked = ExampleEvents.all();
        try (var client = EcomlogClient.builder().kinesis(kinesis.client(), stream).shutdownHook(false)
                .linger(Duration.ofMillis(20)).build()) {
            tracked.forEach(e -> assertThat(client.track(e)).isTrue());
            assertThat(client.log(LogRecord.builder("WARN", "stock low").logger("shop.Stock").build())).isTrue();
            assertThat(client.flush(Duration.ofSeconds(20))).isTrue();
        }
        var arrived = decodeAll(kinesis.readAll(stream).stream().map(r -> r.data()).toList());
        assertThat(arrived).hasSize(tracked.size() + 1);
        assertThat(arrived).allSatisfy(e -> assertThat(e.sentAt()).isNotNull());
        var byId = arrived.stream().collect(Collectors.toMap(EcomEvent::eventId, Function.identity()));
        for (var event : tracked) {
            assertThat(withoutSentAt(byId.get(event.eventId()))).as(event.eventType().wireName())
                    .isEqualTo(withoutSentAt(event));
        }
        assertThat(arrived.stream().map(EcomEvent::eventType)).contains(EventType.LOG);
    }

    @Test
    void eventsBuiltLaterOnTheBackgroundThreadArriveAndBadOnesAreCounted() throws Exception {
        var lake = dir.resolve("lake");
        var caller = Thread.currentThread();
        var builtOn = new java.util.concurrent.atomic.AtomicReference<Thread>();
        try (var client = EcomlogClient.builder().localLake(lake).producerId("test").shutdownHook(false)
                .linger(Duration.ofMillis(20)).build()) {
            assertThat(client.trackLater(() -> {
                builtOn.set(Thread.currentThread());
                return Events.log(LogRecord.builder("INFO", "built later").build()).build();
            }, 200)).isTrue();
            assertThat(client.trackLater(() -> Events.orderCompleted(io.ecomlog.event.Order.builder().build()).build(),
                    200)).isTrue(); // no order_id: fails validation when built
            assertThat(client.trackLater(null, 10)).isFalse();
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(client.stats().dropped().get(io.ecomlog.metrics.DropReason.MALFORMED)).isEqualTo(2);
        }
        assertThat(builtOn.get()).isNotNull().isNotSameAs(caller);
        var arrived = decodeAll(lakeObjects(lake));
        assertThat(arrived).hasSize(1);
        assertThat(((LogRecord) arrived.get(0).payload()).message()).isEqualTo("built later");
    }

    @Test
    void brokenUnicodeAndControlCharactersArriveRepairedNeverCrashingTheSender() throws Exception {
        var lake = dir.resolve("lake");
        var nasty = "bad \uD800 high, bad \uDC00 low, CRLF\r\nTAB\t NUL\u0000 BEL\u0007 end\uD83D";
        EcomEvent event = Events.productsSearched(nasty).sessionId("s\r\n1").property("note", nasty).build();
        try (var client = EcomlogClient.builder().localLake(lake).producerId("test").shutdownHook(false)
                .linger(Duration.ofMillis(20)).build()) {
            assertThat(client.track(event)).isTrue();
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(client.stats().droppedTotal()).isZero();
        }
        var arrived = decodeAll(lakeObjects(lake));
        assertThat(arrived).hasSize(1);
        assertThat(withoutSentAt(arrived.get(0))).isEqualTo(withoutSentAt(event));
        var query = ((io.ecomlog.event.Search) arrived.get(0).payload()).query();
        assertThat(query).contains("\r\nTAB\t NUL\u0000").doesNotContain("\uD800").contains("\uFFFD");
    }
}
