package io.ecomlog.codec;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.ExampleEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeekTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void readsTheHeaderOfAnEncodedEvent() {
        EcomEvent event = ExampleEvents.of(EventType.ORDER_COMPLETED);

        EventHeader header = codec.peek(codec.encode(event));

        assertThat(header).isEqualTo(new EventHeader(event.eventId().toString(), "order_completed",
                ExampleEvents.TIME, "u-1717", "s-20261122-77", "a-9f2c41", "O-2026-004217"));
    }

    @Test
    void missingFieldsAreNull() {
        EventHeader header = codec.peek("{\"event_type\":\"http_access\",\"status\":200}");

        assertThat(header).isEqualTo(new EventHeader(null, "http_access", null, null, null, null, null));
        assertThat(codec.peek("{}")).isEqualTo(new EventHeader(null, null, null, null, null, null, null));
    }

    @Test
    void foreignLinesArePeekedWithoutValidation() {
        EventHeader header = codec.peek("{\"@timestamp\":\"x\",\"event_type\":\"something_new\",\"event_id\":\"abc-1\","
                + "\"user_id\":42,\"session_id\":null,\"order_id\":{\"nested\":\"object\"},\"event_time\":\"soon\","
                + "\"anonymous_id\":[\"a\"],\"extra\":[1,2,{\"user_id\":\"inner\"}]}");

        assertThat(header).isEqualTo(new EventHeader("abc-1", "something_new", null, "42", null, null, null));
    }

    @Test
    void eventTimeIsParsedLeniently() {
        assertThat(codec.peek("{\"event_time\":\"2026-11-22T19:58:17.12+01:00\"}").eventTime())
                .isEqualTo(Instant.parse("2026-11-22T18:58:17.120Z"));
        assertThat(codec.peek("{\"event_time\":1795373897120}").eventTime())
                .isEqualTo(Instant.parse("2026-11-22T18:58:17.120Z"));
    }

    @Test
    void nonJsonAndTruncatedLinesThrow() {
        assertThatThrownBy(() -> codec.peek("garbage")).isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("malformed JSON at line 1");
        assertThatThrownBy(() -> codec.peek("{\"event_type\":\"log\",\"user_id\":\"u"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> codec.peek("[]")).hasMessage("expected a JSON object, found an array");
        assertThatThrownBy(() -> codec.peek("")).hasMessage("empty input: expected a JSON object");
    }
}
