package io.ecomlog.simulator;

import io.ecomlog.event.App;
import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Order;

/** Who does what in a simulated session: the shop, the shopper and their client, stamped on every event. */
record Envelope(String shop, String userId, String anonymousId, String sessionId, ClientInfo client,
                String currency) {

    EcomEvent build(EcomEvent.Builder event) {
        event.app(App.builder().name(shop).build()).userId(userId).anonymousId(anonymousId).sessionId(sessionId)
                .client(client).currency(currency);
        var built = event.build();
        if (built.payload() instanceof Order o && o.total() != null) {
            return built.toBuilder().value(o.total()).build();
        }
        return built;
    }
}
