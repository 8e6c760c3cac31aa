package io.ecomlog.codec;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines of an older client (version 1, few fields) and of a newer schema version (2) decode: missing optional fields are null, unknown kept. */
class SchemaVersionTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void aLineOfAnOlderClientDecodesWithItsMissingFieldsNull() {
        EcomEvent event = codec.decode(fixture("order-completed-schema-v1-minimal.json"));

        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.userId()).isEqualTo("17850");
        assertThat(event.sessionId()).isNull();
        assertThat(event.app()).isNull();
        var order = (Order) event.payload();
        assertThat(order.orderId()).isEqualTo("536365");
        assertThat(order.total()).isNull();
        assertThat(order.products()).singleElement().satisfies(p -> {
            assertThat(p.productId()).isEqualTo("85123A");
            assertThat(p.brand()).isNull();
        });
        assertThat(event.unknownFields()).isEmpty();
    }

    @Test
    void aNewerVersionKeepsTheFieldsThisModelDoesNotKnow() {
        EcomEvent event = codec.decode(fixture("order-completed-schema-v2.json"));

        assertThat(event.schemaVersion()).isEqualTo(2);
        assertThat(((Order) event.payload()).total()).isEqualByComparingTo("19.90");
        assertThat(event.unknownFields()).containsExactly(
                Map.entry("loyalty", Map.of("tier", "gold", "points", 120L)),
                Map.entry("fulfilment_center", "DE-BER-1"),
                Map.entry("gift", true));
    }

    @Test
    void unknownFieldsAreWrittenBackSoAReEncodedEventLosesNothing() {
        EcomEvent event = codec.decode(fixture("order-completed-schema-v2.json"));

        String again = new String(codec.encode(event), StandardCharsets.UTF_8);

        assertThat(again).contains("\"loyalty\":{\"tier\":\"gold\",\"points\":120}")
                .contains("\"fulfilment_center\":\"DE-BER-1\"").contains("\"gift\":true");
        assertThat(codec.decode(again)).isEqualTo(event);
    }

    @Test
    void anUnknownFieldNamedLikeAKnownOneIsNotWrittenTwice() {
        EcomEvent event = codec.decode(fixture("order-completed-schema-v1-minimal.json")).toBuilder()
                .unknownFields(Map.of("user_id", "shadow", "order_id", "shadow", "extra", new BigDecimal("1.5")))
                .build();

        String json = new String(codec.encode(event), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("shadow").contains("\"extra\":1.5");
        assertThat(codec.decode(json).userId()).isEqualTo("17850");
    }

    private static byte[] fixture(String name) {
        try (var in = SchemaVersionTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
