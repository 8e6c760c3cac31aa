package io.ecomlog.simulator;

import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.FailureReason;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Synthetic shoppers. Each session is a short script — maybe a login (now and then a mistyped password first), a
 * search, a few product views, maybe a cart, a checkout and an order — built from the catalogue. Sessions run side by
 * side, and {@link #next()} takes one step of each in turn, so a shopper acts once every {@code concurrent / rate}
 * seconds: with {@code concurrent = 2 × rate}, at most five actions in ten seconds, well under any bot rule (up to
 * 10,000 events/s; above, the number of sessions stays at 20,000 and shoppers act faster). About
 * six sessions in a hundred place an order (about one order per hundred events).
 *
 * <p>Registered shoppers come from a fixed pool, so customers return and order more than once (order history, ALS);
 * every session has its own client IP from 10.0.0.0/8.
 */
final class Shoppers {

    /** A step that fails: a payment declined (the event) and the error the shop logs about it. */
    record PaymentFailure(EcomEvent event, String orderId) {
    }

    static final int MAX_SESSIONS = 20_000;

    private final Catalogue catalogue;
    private final Random random;
    private final String shop;
    private final int registeredUsers;
    private final Deque<Session> sessions = new ArrayDeque<>();
    /** Registered shoppers with a session open: one session per person at a time, as one person browses. */
    private final Set<String> active = new HashSet<>();
    private final int concurrent;
    private long sessionCount;

    Shoppers(Catalogue catalogue, Random random, String shop, double rate) {
        this.catalogue = catalogue;
        this.random = random;
        this.shop = shop;
        // at most 20,000 sessions side by side: above 10,000 events/s shoppers act more often than every 2 s
        this.concurrent = (int) Math.min(MAX_SESSIONS, Math.max(20, Math.ceil(rate * 2)));
        this.registeredUsers = Math.max(200, concurrent * 2);
    }

    /** The next step: an {@link EcomEvent} or a {@link PaymentFailure}. */
    Object next() {
        while (true) {
            while (sessions.size() < concurrent) {
                sessions.addLast(newSession());
            }
            var session = sessions.pollFirst();
            var step = session.steps().pollFirst();
            if (!session.steps().isEmpty()) {
                sessions.addLast(session);
            } else if (session.userId() != null) {
                active.remove(session.userId());
            }
            if (step != null) {
                return step.get();
            }
        }
    }

    long sessions() {
        return sessionCount;
    }

    private record Session(String userId, Deque<Supplier<Object>> steps) {
    }

    private Session newSession() {
        long n = ++sessionCount;
        String sessionId = "sim-s-" + n;
        boolean registered = random.nextInt(10) < 7;
        String userId = null;
        if (registered) {
            do {
                userId = "sim-user-" + (1 + random.nextInt(registeredUsers));
            } while (!active.add(userId));
        }
        String anonymousId = registered ? null : "sim-anon-" + n;
        var client = new ClientInfo("10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff),
                "Mozilla/5.0 (ecomlog simulator)", "en-US");
        var envelope = new Envelope(shop, userId, anonymousId, sessionId, client, catalogue.currency());
        var steps = new ArrayDeque<Supplier<Object>>();
        if (registered) {
            if (random.nextInt(25) == 0) {
                steps.add(() -> envelope.build(Events.loginFailed("password", "bad_password")));
            }
            steps.add(() -> envelope.build(Events.loginSucceeded("password")));
        }
        Product first = catalogue.any(random);
        if (random.nextInt(10) < 3) {
            String query = first.category() == null ? "gift" : lastWord(first.category());
            steps.add(() -> envelope.build(Events.productsSearched(query)));
        }
        var viewed = new ArrayList<Product>();
        viewed.add(first);
        int views = 1 + random.nextInt(5);
        for (int i = 1; i < views; i++) {
            viewed.add(catalogue.near(random, first));
        }
        viewed.forEach(p -> steps.add(() -> envelope.build(Events.productViewed(p))));
        if (random.nextInt(100) < 25) {
            var cart = new ArrayList<Product>();
            String cartId = "sim-cart-" + n;
            int adds = random.nextInt(5) == 0 ? 2 : 1;
            for (int i = 0; i < adds; i++) {
                var p = viewed.get(random.nextInt(viewed.size())).toBuilder().quantity(1 + random.nextInt(2)).build();
                cart.add(p);
                steps.add(() -> envelope.build(Events.productAdded(p, cartId)));
            }
            if (random.nextInt(100) < 40) {
                String orderId = "sim-o-" + n;
                var order = order(orderId, cart);
                steps.add(() -> envelope.build(Events.checkoutStarted(order)));
                int outcome = random.nextInt(100);
                if (outcome < 60) {
                    steps.add(() -> envelope.build(Events.orderCompleted(order)));
                } else if (outcome < 70) {
                    steps.add(() -> new PaymentFailure(envelope.build(
                            Events.transactionFailed(orderId, FailureReason.PAYMENT_DECLINED)), orderId));
                }
            }
        }
        return new Session(userId, steps);
    }

    private Order order(String orderId, List<Product> cart) {
        BigDecimal total = BigDecimal.ZERO;
        for (var p : cart) {
            total = total.add(p.price().multiply(BigDecimal.valueOf(p.quantity())));
        }
        return Order.builder().orderId(orderId).products(List.copyOf(cart)).subtotal(total).revenue(total)
                .total(total).paymentMethod("card").build();
    }

    private static String lastWord(String category) {
        int slash = category.lastIndexOf('/');
        return slash < 0 ? category : category.substring(slash + 1);
    }
}
