package io.ecomlog.simulator;

import io.ecomlog.alert.Alert;
import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An injected anomaly: a burst of events sent back to back, and the alerts the backend must raise for it.
 *
 * <ul>
 *   <li>{@code bot}: one user on one IP views 40 products in a fraction of a second (the bot rule: more than 10
 *       actions in 10 s) — a {@code bot_user} and a {@code bot_ip} alert;</li>
 *   <li>{@code surge}: {@link SimulationSettings#surgeOrders()} orders from as many customers at once — an
 *       {@code order_surge} alert for the shop;</li>
 *   <li>{@code login burst}: eight failed logins for one account from one IP (the alerter's rule: five in five
 *       minutes) — a {@code failed_logins_user} alert.</li>
 * </ul>
 */
record Anomaly(String kind, int index, List<EcomEvent> events, List<ExpectedAlert> expected) {

    static final int BOT_VIEWS = 40;
    static final int FAILED_LOGINS = 8;

    static Anomaly bot(int index, String shop, Catalogue catalogue, Random random) {
        String user = "bot-" + index;
        String ip = "198.51.100." + (1 + index % 250);
        var envelope = new Envelope(shop, user, null, "bot-s-" + index, new ClientInfo(ip, "python-requests/2.31",
                null), catalogue.currency());
        var events = new ArrayList<EcomEvent>();
        for (int i = 0; i < BOT_VIEWS; i++) {
            events.add(envelope.build(Events.productViewed(catalogue.any(random))));
        }
        return new Anomaly("bot", index, events, List.of(new ExpectedAlert(Alert.Kinds.BOT_USER, user),
                new ExpectedAlert(Alert.Kinds.BOT_IP, ip)));
    }

    static Anomaly surge(int index, int orders, String shop, Catalogue catalogue, Random random) {
        var events = new ArrayList<EcomEvent>();
        for (int i = 0; i < orders; i++) {
            var envelope = new Envelope(shop, "surge-" + index + "-" + i, null, "surge-s-" + index + "-" + i,
                    new ClientInfo("100.64." + index % 250 + "." + i % 250, "Mozilla/5.0 (ecomlog simulator)", null),
                    catalogue.currency());
            Product p = catalogue.any(random).toBuilder().quantity(1).build();
            BigDecimal total = p.price();
            events.add(envelope.build(Events.orderCompleted(Order.builder().orderId("surge-o-" + index + "-" + i)
                    .products(List.of(p)).subtotal(total).revenue(total).total(total).paymentMethod("card")
                    .build())));
        }
        return new Anomaly("surge", index, events, List.of(new ExpectedAlert(Alert.Kinds.ORDER_SURGE, shop)));
    }

    static Anomaly loginBurst(int index, String shop, String currency) {
        String user = "victim-" + index;
        var envelope = new Envelope(shop, user, null, "victim-s-" + index,
                new ClientInfo("192.0.2." + (1 + index % 250), "curl/8.5", null), currency);
        var events = new ArrayList<EcomEvent>();
        for (int i = 0; i < FAILED_LOGINS; i++) {
            events.add(envelope.build(Events.loginFailed("password", "bad_password")));
        }
        return new Anomaly("login burst", index, events,
                List.of(new ExpectedAlert(Alert.Kinds.FAILED_LOGINS_USER, user)));
    }
}
