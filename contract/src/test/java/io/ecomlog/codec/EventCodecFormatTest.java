package io.ecomlog.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.Events;
import io.ecomlog.event.ExampleEvents;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventCodecFormatTest {

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
        "2026-11-22T18:58:17.120Z, 2026-11-22T18:58:17.120Z",
        "2026-11-22T18:58:17Z,     2026-11-22T18:58:17.000Z",
        "2026-11-22T18:58:17.1Z,   2026-11-22T18:58:17.100Z",
        "2026-11-22T18:58:17.999999999Z, 2026-11-22T18:58:17.999Z",
        "1970-01-01T00:00:00Z,     1970-01-01T00:00:00.000Z",
        "2024-02-29T23:59:59.001Z, 2024-02-29T23:59:59.001Z",
        "9999-12-31T23:59:59.999Z, 9999-12-31T23:59:59.999Z"
    })
    void timestampsAreUtcWithExactlyThreeFractionDigits(String input, String expected) throws IOException {
        EcomEvent event = Events.loginSucceeded("password").eventTime(Instant.parse(input)).build();

        JsonNode line = json.readTree(codec.encode(event, Instant.parse(input)));

        assertThat(line.get("event_time").asText()).isEqualTo(expected);
        assertThat(line.get("sent_at").asText()).isEqualTo(expected);
    }

    @Test
    void handRolledTimestampFormatAgreesWithTheJdkOverManyInstants() {
        var random = new java.util.Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochMilli((long) (random.nextDouble() * 253_402_300_799_999L));
            String jdk = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(t);
            assertThat(Timestamps.format(t)).isEqualTo(jdk);
        }
    }

    @Test
    void sentAtIsWrittenOnlyWhenGiven() throws IOException {
        EcomEvent event = Events.loginSucceeded("password").build();

        assertThat(json.readTree(codec.encode(event)).has("sent_at")).isFalse();
        assertThat(json.readTree(codec.encode(event, Instant.parse("2026-11-22T18:58:18.5Z"))).get("sent_at").asText())
                .isEqualTo("2026-11-22T18:58:18.500Z");
        EcomEvent withSentAt = event.toBuilder().sentAt(Instant.parse("2026-11-22T18:58:19Z")).build();
        assertThat(json.readTree(codec.encode(withSentAt)).get("sent_at").asText())
                .isEqualTo("2026-11-22T18:58:19.000Z");
        assertThat(codec.decode(codec.encode(withSentAt)).sentAt()).isEqualTo(withSentAt.sentAt());
    }

    @Test
    void moneyIsWrittenAsPlainDecimalStringsKeepingTheScale() throws IOException {
        var product = Product.builder("p").price(new BigDecimal("19.90")).listPrice(new BigDecimal("1E+3"))
                .discount(new BigDecimal("0.000001")).build();
        EcomEvent event = Events.productViewed(product).value(new BigDecimal("12345678901234567890.123456789"))
                .currency("EUR").build();

        JsonNode line = json.readTree(codec.encode(event));

        assertThat(line.get("price").isTextual()).isTrue();
        assertThat(line.get("price").asText()).isEqualTo("19.90");
        assertThat(line.get("list_price").asText()).isEqualTo("1000");
        assertThat(line.get("discount").asText()).isEqualTo("0.000001");
        assertThat(line.get("value").asText()).isEqualTo("12345678901234567890.123456789");
        assertThat(((io.ecomlog.event.ProductAction) codec.decode(codec.encode(event)).payload()).product().price())
                .isEqualTo(new BigDecimal("19.90"));
    }

    @Test
    void absentValuesAndEmptyCollectionsAreOmitted() {
        EcomEvent event = Events.orderCompleted(Order.builder().orderId("O-1").products(List.of()).build())
                .properties(Map.of()).mdc(Map.of()).build();

        String line = new String(codec.encode(event), StandardCharsets.UTF_8);

        assertThat(line).isEqualTo("{\"event_id\":\"" + event.eventId() + "\",\"event_type\":\"order_completed\","
                + "\"schema_version\":1,\"event_time\":\"" + Timestamps.format(event.eventTime()) + "\","
                + "\"order_id\":\"O-1\"}");
        assertThat(line).doesNotContain("null", "[]", "{}");
    }

    @Test
    void propertiesKeepTheirJsonTypes() throws IOException {
        EcomEvent event = Events.loginSucceeded("password")
                .property("count", 3).property("ratio", 0.25).property("flag", true)
                .property("huge", new java.math.BigInteger("123456789012345678901234567890"))
                .property("list", List.of("a", 1, List.of()))
                .property("map", Map.of("k", Map.of()))
                .build();

        JsonNode properties = json.readTree(codec.encode(event)).get("properties");

        assertThat(properties.get("count").isIntegralNumber()).isTrue();
        assertThat(properties.get("ratio").isNumber()).isTrue();
        assertThat(properties.get("ratio").asText()).isEqualTo("0.25");
        assertThat(properties.get("flag").booleanValue()).isTrue();
        assertThat(properties.get("huge").bigIntegerValue()).isEqualTo("123456789012345678901234567890");
        assertThat(properties.get("list").toString()).isEqualTo("[\"a\",1,[]]");
        assertThat(properties.get("map").toString()).isEqualTo("{\"k\":{}}");
        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void envelopeComesFirstInAFixedOrder() {
        String line = new String(codec.encode(ExampleEvents.of(EventType.LOG)), StandardCharsets.UTF_8);

        assertThat(line).startsWith("{\"event_id\":\"");
        assertThat(line.indexOf("\"event_type\"")).isLessThan(line.indexOf("\"schema_version\""));
        assertThat(line.indexOf("\"event_time\"")).isLessThan(line.indexOf("\"user_id\""));
        assertThat(line.indexOf("\"value\"")).isLessThan(line.indexOf("\"level\""));
        assertThat(line.indexOf("\"stack_trace\"")).isLessThan(line.indexOf("\"properties\""));
        assertThat(line).endsWith("}");
    }

    @Test
    void outputIsUtf8WithoutEscapingNonAscii() {
        EcomEvent event = Events.productsSearched("Grüezi 東京 \uD83D\uDE00").build();

        byte[] line = codec.encode(event);

        assertThat(new String(line, StandardCharsets.UTF_8)).contains("\"query\":\"Grüezi 東京 \uD83D\uDE00\"");
        assertThat(codec.decode(line)).isEqualTo(event);
    }

    @Test
    void everyCodePointSurvivesAsStrictUtf8() throws Exception {
        var text = new StringBuilder();
        for (int cp = 0; cp <= 0x10FFFF; cp += (cp < 0x30000 ? 1 : 97)) {
            if (!Character.isSurrogate((char) cp) || cp > 0xFFFF) {
                text.appendCodePoint(cp);
            }
        }
        EcomEvent event = Events.productsSearched(text.toString()).build();

        byte[] line = codec.encode(event);

        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(line));
        assertThat(codec.decode(line)).isEqualTo(event);
    }

    @Test
    void writeStreamsTheSameBytesAndLeavesTheStreamOpen() throws IOException {
        EcomEvent event = ExampleEvents.of(EventType.ORDER_COMPLETED);
        Instant sentAt = Instant.parse("2026-11-22T18:58:20.000Z");
        var out = new ByteArrayOutputStream() {
            boolean closed;

            @Override
            public void close() {
                closed = true;
            }
        };

        codec.write(event, sentAt, out);
        out.write('\n');
        codec.write(event, out);

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0].getBytes(StandardCharsets.UTF_8)).isEqualTo(codec.encode(event, sentAt));
        assertThat(lines[1].getBytes(StandardCharsets.UTF_8)).isEqualTo(codec.encode(event));
        assertThat(out.closed).isFalse();
    }

    @Test
    void decodeKeepsANonV7EventIdFromForeignLines() {
        UUID v4 = UUID.randomUUID();
        String line = "{\"event_id\":\"" + v4 + "\",\"event_type\":\"log\",\"event_time\":\"2026-11-22T18:58:17.120Z\","
                + "\"message\":\"hi\"}";

        assertThat(codec.decode(line).eventId()).isEqualTo(v4);
    }

    @Test
    void estimatedSizeIsCloseToTheEncodedSize() {
        for (EcomEvent event : ExampleEvents.all()) {
            int actual = codec.encode(event, Instant.now()).length;
            assertThat(event.estimatedSize()).as(event.eventType().wireName())
                    .isBetween((int) (actual * 0.9), (int) (actual * 1.3) + 64);
        }
        EcomEvent small = Events.loginSucceeded("password").build();
        int actual = codec.encode(small, Instant.now()).length;
        assertThat(small.estimatedSize()).isBetween(actual, actual + 100);
    }

    @Test
    void oneCodecIsSafeToShareBetweenThreads() throws Exception {
        List<EcomEvent> events = ExampleEvents.all();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.Callable<Boolean> roundTrips = () -> {
                for (int i = 0; i < 200; i++) {
                    EcomEvent e = events.get(i % events.size());
                    if (!codec.decode(codec.encode(e)).equals(e)) {
                        return false;
                    }
                }
                return true;
            };
            var results = pool.invokeAll(java.util.Collections.nCopies(8, roundTrips));
            for (var r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
