package io.ecomlog.simulator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.logback.EcomMarkers;
import io.ecomlog.logback.EcomlogAppender;
import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.pipeline.EcomlogClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The simulated shop's logging, set up as a shop would in {@code logback.xml}: one {@link EcomlogAppender} on the
 * root logger, typed events logged with an {@link EcomMarkers#event} marker, errors with their exception. It has a
 * Logback context of its own, so it works whatever logging the host process binds to SLF4J.
 */
final class ShopLogger implements AutoCloseable {

    private final LoggerContext context = new LoggerContext();
    private final EcomlogAppender appender = new EcomlogAppender();
    private final Logger events;
    private final Logger payments;
    private EcomlogClient client;
    private boolean closedInTime = true;

    ShopLogger(Target target, String shop, String producerId, Path spool) {
        context.setName("ecomlog-simulator");
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // a context outside SLF4J's binding needs its own
        appender.setContext(context);
        appender.setName("ECOMLOG");
        switch (target.kind()) {
            case LOCAL -> appender.setLocalLakeDirectory(target.lake().toString());
            case AWS -> {
                if (!Target.blank(target.kinesisStream())) {
                    appender.setKinesisStream(target.kinesisStream());
                } else {
                    appender.setFirehoseStream(target.firehoseStream());
                }
                if (!Target.blank(target.profile())) {
                    appender.setProfile(target.profile());
                }
                if (!Target.blank(target.region())) {
                    appender.setRegion(target.region());
                }
                if (!Target.blank(target.endpoint())) {
                    appender.setEndpoint(target.endpoint());
                }
            }
        }
        appender.setApplicationName(shop);
        appender.setProducerId(producerId);
        appender.setSpoolDirectory(spool.toString());
        // a simulator would rather wait than drop: the summary counts every event
        appender.setOverflowPolicy("BLOCK");
        appender.setBlockTimeout("10s");
        appender.setQueueCapacity(100_000);
        appender.setLinger("250ms");
        appender.setCloseTimeout("60s");
        appender.setShutdownHook(false);
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalStateException("the ecomlog appender did not start: " + context.getStatusManager()
                    .getCopyOfStatusList());
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        // not under io.ecomlog: the appender ignores its own library's loggers
        events = context.getLogger("shop.events");
        payments = context.getLogger("shop.payments");
    }

    void track(EcomEvent event) {
        events.info(EcomMarkers.event(event), "{}", event.eventType().wireName());
        if (client == null) {
            client = appender.ecomlogClient();
            if (client == null) {
                throw new IllegalStateException("the ecomlog appender could not build its client: " + errors());
            }
        }
    }

    private List<String> errors() {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(st -> st.getLevel() >= ch.qos.logback.core.status.Status.WARN)
                .map(st -> st.getMessage() + (st.getThrowable() == null ? "" : " (" + st.getThrowable() + ")"))
                .toList();
    }

    /** An error the shop logs (an {@code app_error} event). */
    void error(String message, Throwable error) {
        payments.error(message, error);
    }

    /** The client's counters (zero before the first event). */
    DeliveryStats stats() {
        return client == null ? null : client.stats();
    }

    /** Whether everything sent was delivered before the close timeout. */
    boolean closedInTime() {
        return closedInTime;
    }

    @Override
    public void close() {
        if (client != null) {
            closedInTime = client.flush(Duration.ofSeconds(60));
        }
        context.stop(); // stops the appender, which closes the client
    }
}
