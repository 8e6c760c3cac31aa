package io.ecomlog.codec;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.ExampleEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reusing encoder writes exactly what the thread-safe codec writes, event after event. */
class ReusingEncoderTest {

    private static final EventCodec CODEC = new EventCodec();

    @Test
    void everyEventTypeInTurnEncodesToTheSameBytesAsTheCodec() {
        var encoder = CODEC.newEncoder();
        var sentAt = Instant.parse("2026-12-07T07:00:00.123Z");
        for (int round = 0; round < 3; round++) {
            for (EcomEvent event : ExampleEvents.all()) {
                assertThat(new String(encoder.encode(event, sentAt)))
                        .as("%s, round %d", event.eventType(), round)
                        .isEqualTo(new String(CODEC.encode(event, sentAt)));
            }
        }
    }

    /** The remembered text of the last millisecond must never stand for another one, however close. */
    @Test
    void timestampsThatDifferByAMillisecondOrShareOneAreEachWrittenAsThemselves() {
        var encoder = CODEC.newEncoder();
        var base = Instant.parse("2026-12-31T23:59:59.998Z");
        var times = List.of(base, base.plusNanos(1), base.plusMillis(1), base.plusMillis(1).plusNanos(999_999),
                base.plusMillis(2), base.plusSeconds(1).plusMillis(1), base, Instant.EPOCH,
                Instant.parse("9999-12-31T23:59:59.999Z"), base, Instant.EPOCH.plusMillis(1));
        for (var sentAt : times) {
            for (var eventTime : times) {
                var event = ExampleEvents.builder(EventType.PAGE_VIEWED).eventTime(eventTime).build();
                assertThat(new String(encoder.encode(event, sentAt)))
                        .as("event_time %s, sent_at %s", eventTime, sentAt)
                        .isEqualTo(new String(CODEC.encode(event, sentAt)));
            }
        }
    }

    @Test
    void eachResultIsACopyThatLaterEventsDoNotOverwrite() {
        var encoder = CODEC.newEncoder();
        var sentAt = Instant.parse("2026-12-07T07:00:00Z");
        var events = ExampleEvents.all();
        var lines = new ArrayList<byte[]>();
        for (var event : events) {
            lines.add(encoder.encode(event, sentAt));
        }
        for (int i = 0; i < lines.size(); i++) {
            assertThat(new String(lines.get(i))).isEqualTo(new String(CODEC.encode(events.get(i), sentAt)));
        }
    }
}
