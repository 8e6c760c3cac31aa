package io.ecomlog.codec;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.EventValidationException;
import io.ecomlog.event.ExampleEvents;
import io.ecomlog.event.LogRecord;
import io.ecomlog.event.ProductAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MalformedInputTest {

    private static final String HEAD = "{\"event_id\":\"0190f6a8-5c3e-7d2a-9b1c-3f4e5a6b7c8d\",\"event_time\":"
            + "\"2026-11-22T18:58:17.120Z\",";

    private final EventCodec codec = new EventCodec();

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not json at all|malformed JSON at line 1, column 5: Unrecognized token 'not'",
        "{\"event_type\":\"log\",\"message\":|malformed JSON at line 1, column 31: Unexpected end-of-input",
        "{\"event_type\":\"log\" \"message\":\"x\"}|malformed JSON at line 1, column 21: Unexpected character",
        "[1,2,3]|expected a JSON object, found an array",
        "\"just a string\"|expected a JSON object, found \"just a string\"",
        "``|empty input: expected a JSON object",
        "{\"event_type\":\"log\",\"message\":\"x\"} {\"event_type\":\"log\"}|unexpected content after the event object",
        "{\"event_type\":\"log\",\"message\":\"x\"} trailing|malformed JSON at line 1, column 44: Unrecognized token "
                + "'trailing'",
        "{\"message\":\"x\"}|event_type is missing (or not a string)",
        "{\"event_type\":42,\"message\":\"x\"}|event_type is missing (or not a string)",
        "{\"event_type\":\"order_placed\"}|unknown event_type \"order_placed\""
    })
    void unreadableLinesAreRejectedWithAClearMessage(String line, String message) {
        assertThatThrownBy(() -> codec.decode(line))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aTruncatedLineIsMalformedWhereverItIsCut() {
        byte[] line = codec.encode(ExampleEvents.of(EventType.ORDER_COMPLETED));
        for (int cut = 1; cut < line.length - 1; cut += 7) {
            byte[] truncated = Arrays.copyOf(line, cut);
            assertThatThrownBy(() -> codec.decode(truncated)).as("cut at %d", cut)
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageStartingWith("malformed JSON");
        }
    }

    @Test
    void fieldsOfTheWrongTypeAreNamedWithTheirPath() {
        assertThatThrownBy(() -> codec.decode(HEAD + "\"event_type\":\"order_completed\",\"order_id\":\"o\","
                + "\"products\":[{\"product_id\":\"p\",\"price\":\"abc\"}]}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("products[0].price must be a decimal string like \"19.95\", was \"abc\"");
        assertThatThrownBy(() -> codec.decode(HEAD + "\"event_type\":\"http_access\",\"method\":\"GET\",\"path\":\"/\","
                + "\"status\":\"OK\"}"))
                .hasMessage("status must be an integer, was \"OK\"");
        assertThatThrownBy(() -> codec.decode(HEAD + "\"event_type\":\"log\",\"message\":{\"text\":\"x\"}}"))
                .hasMessage("message must be a string, was an object");
        assertThatThrownBy(() -> codec.decode(HEAD + "\"event_type\":\"log\",\"message\":\"x\",\"app\":[1]}"))
                .hasMessage("app must be an object, was an array");
        assertThatThrownBy(() -> codec.decode("{\"event_type\":\"log\",\"message\":\"x\",\"event_time\":\"yday\"}"))
                .hasMessage("event_time must be an ISO-8601 timestamp like \"2026-11-22T18:58:17.120Z\", was \"yday\"");
        assertThatThrownBy(() -> codec.decode("{\"event_type\":\"log\",\"message\":\"x\",\"event_id\":\"42\"}"))
                .hasMessage("event_id must be a UUID, was \"42\"");
    }

    @Test
    void eventsThatFailValidationAreMalformedWithTheValidationMessage() {
        assertThatThrownBy(() -> codec.decode(HEAD + "\"event_type\":\"order_completed\",\"currency\":\"EURO\"}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("invalid order_completed event: currency must be a 3-letter ISO 4217 code, was \"EURO\"; "
                        + "order_completed.order_id must be set")
                .hasCauseInstanceOf(EventValidationException.class);
    }

    @Test
    void fieldsOfOtherTypesAndUnknownFieldsAreIgnored() {
        EcomEvent event = codec.decode(HEAD + "\"event_type\":\"log\",\"message\":\"hello\",\"future_field\":"
                + "{\"deep\":[1,{\"x\":null}]},\"price\":\"not a price but not a log field either\",\"app\":"
                + "{\"name\":\"shop\",\"region\":\"eu-central-1\"}}");

        assertThat(event.eventType()).isEqualTo(EventType.LOG);
        assertThat(((LogRecord) event.payload()).message()).isEqualTo("hello");
        assertThat(event.app().name()).isEqualTo("shop");
        assertThat(event.properties()).isEmpty();
    }

    @Test
    void lenientFormsOfForeignEncodersAreAccepted() {
        EcomEvent event = codec.decode("{\"event_type\":\"product_viewed\",\"event_time\":1795373897120,"
                + "\"product_id\":\"p\",\"price\":19.95,\"quantity\":\"2\",\"user_id\":12345,\"value\":7,"
                + "\"sent_at\":\"2026-11-22T19:58:17.5+01:00\",\"schema_version\":1,\"page\":null}");
        var product = ((ProductAction) event.payload()).product();

        assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-11-22T18:58:17.120Z"));
        assertThat(event.sentAt()).isEqualTo(Instant.parse("2026-11-22T18:58:17.500Z"));
        assertThat(product.price()).isEqualTo(new BigDecimal("19.95"));
        assertThat(product.quantity()).isEqualTo(2);
        assertThat(event.userId()).isEqualTo("12345");
        assertThat(event.value()).isEqualTo(new BigDecimal("7"));
        assertThat(event.page()).isNull();
        assertThat(event.eventId().version()).isEqualTo(7);
    }

    @Test
    void escapedLoneSurrogatesInInputAreReplacedNotFatal() {
        EcomEvent event = codec.decode(HEAD + "\"event_type\":\"log\",\"message\":\"a\\ud800b\\udc00\"}");

        assertThat(((LogRecord) event.payload()).message()).isEqualTo("a\uFFFDb\uFFFD");
        assertThat(new String(codec.encode(event), StandardCharsets.UTF_8)).contains("a\uFFFDb\uFFFD");
    }

    @Test
    void invalidUtf8BytesAreMalformed() {
        byte[] bad = (HEAD + "\"event_type\":\"log\",\"message\":\"x\"}").getBytes(StandardCharsets.UTF_8);
        int at = new String(bad, StandardCharsets.UTF_8).indexOf("\"x\"") + 1;
        bad[at] = (byte) 0xC3;

        assertThatThrownBy(() -> codec.decode(bad)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Invalid UTF-8");
    }

    @Test
    void hugeBadValuesAreQuotedBrieflyInMessages() {
        String huge = "x".repeat(10_000);
        assertThatThrownBy(() -> codec.decode("{\"event_type\":\"" + huge + "\"}"))
                .hasMessage("unknown event_type \"" + "x".repeat(60) + "...\"");
    }
}
