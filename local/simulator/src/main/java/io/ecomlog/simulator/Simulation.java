package io.ecomlog.simulator;

import io.ecomlog.backend.order.OrderHistoryStore;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Order;
import io.ecomlog.event.Refund;
import io.ecomlog.publicdata.OnlineRetailParser;
import io.ecomlog.publicdata.ParseResult;
import io.ecomlog.publicdata.Rees46Parser;
import io.ecomlog.simulator.SimulationReport.SimulatedOrder;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One simulated run: the replay and the synthetic shoppers paced at the settings' rate, the anomaly bursts spread
 * over the first four fifths of the run (any left when time runs out are sent before the end), everything logged
 * through {@link ShopLogger}; counts what it sent and returns the {@link SimulationReport}. The same seed gives the
 * same shoppers, products and anomalies.
 */
public final class Simulation {

    private final SimulationSettings settings;
    private final Target target;
    private final Path spool;
    private final Progress progress;

    private final Map<String, Long> sentByType = new TreeMap<>();
    private final Map<String, Long> bySource = new LinkedHashMap<>();
    private final Map<String, SimulatedOrder> orders = new LinkedHashMap<>();
    private final AtomicLong sentSoFar = new AtomicLong();

    public Simulation(SimulationSettings settings, Target target, Path spool) {
        this(settings, target, spool, Progress.none());
    }

    Simulation(SimulationSettings settings, Target target, Path spool, Progress progress) {
        this.settings = settings;
        this.target = target;
        this.spool = spool;
        this.progress = progress;
    }

    public SimulationReport run() throws IOException {
        var replay = Replay.load(settings.replayFiles(), settings.replayRows(), settings.keepTime());
        var catalogue = Catalogue.from(eventsOf(replay, Rees46Parser.SOURCE),
                eventsOf(replay, OnlineRetailParser.SOURCE));
        var random = new Random(settings.seed());
        var shoppers = new Shoppers(catalogue, random, settings.shop(), settings.rate());
        var anomalies = settings.keepTime() ? List.<Anomaly>of() : anomalies(catalogue, random);
        long planned = settings.plannedEvents();
        long burstEvents = anomalies.stream().mapToLong(a -> a.events().size()).sum();
        long replayBudget = !settings.replay() ? 0 : settings.keepTime() ? replay.size()
                : Math.min(replay.size(), Math.max(0, (planned - burstEvents) / 2));
        long[] positions = new long[anomalies.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = (long) (planned * 0.8 * (i + 1) / (positions.length + 1));
        }

        String producerId = "sim-" + settings.seed() + "-" + System.currentTimeMillis();
        long started = System.nanoTime();
        long deadline = settings.duration() == null ? Long.MAX_VALUE : started + settings.duration().toNanos();
        int nextAnomaly = 0;
        long sent = 0;
        long paced = 0;
        long replayed = 0;
        var shopLog = new ShopLogger(target, settings.shop(), producerId, spool);
        try {
            while ((settings.events() == 0 || sent < settings.events()) && System.nanoTime() < deadline
                    && (!settings.keepTime() || replay.hasNext())) {
                if (nextAnomaly < anomalies.size() && sent >= positions[nextAnomaly]) {
                    sent += inject(shopLog, anomalies.get(nextAnomaly++));
                    continue;
                }
                long due = started + (long) (paced * 1e9 / settings.rate());
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                paced++;
                if (settings.keepTime()
                        || replayed < replayBudget && replayed * planned <= sent * replayBudget) {
                    send(shopLog, replay.next(settings.shop()), "replay");
                    replayed++;
                } else {
                    var step = shoppers.next();
                    if (step instanceof Shoppers.PaymentFailure failure) {
                        send(shopLog, failure.event(), "shoppers");
                        shopLog.error("payment declined for order " + failure.orderId(),
                                new IllegalStateException("card issuer declined the payment"));
                        count("app_error", "app errors");
                        sent++;
                    } else {
                        send(shopLog, (EcomEvent) step, "shoppers");
                    }
                }
                sent++;
                progress.update(sent, planned, settings.duration());
            }
            while (nextAnomaly < anomalies.size()) {
                sent += inject(shopLog, anomalies.get(nextAnomaly++));
            }
        } finally {
            shopLog.close();
        }
        progress.finish(sent, planned, settings.duration());
        var expected = new ArrayList<ExpectedAlert>();
        anomalies.forEach(a -> expected.addAll(a.expected()));
        return new SimulationReport(target, producerId, sentByType, bySource, replay.parses(),
                replay.sentBySource(), settings.replay() ? replay.size() - replayed : 0, expected, orders, shoppers.sessions(), shopLog.stats(),
                shopLog.closedInTime(), (System.nanoTime() - started) / 1_000_000);
    }

    private List<Anomaly> anomalies(Catalogue catalogue, Random random) {
        var out = new ArrayList<Anomaly>();
        int most = Math.max(settings.bots(), Math.max(settings.surges(), settings.loginBursts()));
        for (int i = 0; i < most; i++) {
            if (i < settings.bots()) {
                out.add(Anomaly.bot(i + 1, settings.shop(), catalogue, random));
            }
            if (i < settings.surges()) {
                out.add(Anomaly.surge(i + 1, settings.surgeOrders(), settings.shop(), catalogue, random));
            }
            if (i < settings.loginBursts()) {
                out.add(Anomaly.loginBurst(i + 1, settings.shop(), catalogue.currency()));
            }
        }
        return out;
    }

    private int inject(ShopLogger shopLog, Anomaly anomaly) {
        var now = Instant.now();
        for (var event : anomaly.events()) {
            send(shopLog, event.toBuilder().eventTime(now).build(), "anomalies");
        }
        return anomaly.events().size();
    }

    private void send(ShopLogger shopLog, EcomEvent event, String source) {
        shopLog.track(event);
        count(event.eventType().wireName(), source);
        if (OrderHistoryStore.isOrderEvent(event)) {
            int lines = 0;
            BigDecimal total = null;
            if (event.payload() instanceof Order o) {
                lines = o.products() == null ? 0 : o.products().size();
                total = o.total();
            } else if (event.payload() instanceof Refund r) {
                lines = r.products() == null ? 0 : r.products().size();
            }
            orders.put(event.orderId(), new SimulatedOrder(OrderHistoryStore.customerKey(event), event.orderId(),
                    event.eventType().wireName(), total, event.currency(), lines));
        }
    }

    /** Events sent so far (for a live view of a run going on in another thread). */
    public long sentSoFar() {
        return sentSoFar.get();
    }

    private void count(String type, String source) {
        sentSoFar.incrementAndGet();
        sentByType.merge(type, 1L, Long::sum);
        bySource.merge(source, 1L, Long::sum);
    }

    private static List<EcomEvent> eventsOf(Replay replay, String source) {
        return replay.parses().stream().filter(p -> p.source().equals(source)).map(ParseResult::events)
                .findFirst().orElse(List.of());
    }
}
