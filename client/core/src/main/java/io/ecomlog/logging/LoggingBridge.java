package io.ecomlog.logging;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.metrics.DeliveryListener;
import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.spool.SpoolLocation;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every logging-framework appender does, whatever the framework: guards against feeding itself, opens the
 * pipeline lazily at the first event (reporting a failure once), routes a logging event — typed event, default
 * mapping, or a foreign encoder's JSON or text — and closes the pipeline by its deadline. The Logback and Log4j2
 * appenders only translate their event type into a {@link LogLine} and their status channel into {@link Status}.
 */
public final class LoggingBridge {

    /** How the output of a foreign encoder or layout is read. */
    public enum Format {
        /** JSON when the output starts with '{', else text. */
        AUTO,
        /** Always one JSON object, sent as it is. */
        JSON,
        /** Always text, sent as the message of a {@code log} event. */
        TEXT
    }

    /** The framework's status channel (Logback's StatusManager, Log4j2's StatusLogger). */
    public interface Status {
        void info(String message);

        void warn(String message, Throwable cause);

        void error(String message, Throwable cause);
    }

    /**
     * One logging event as the bridge needs it; the line is built only when needed.
     *
     * @param laterSize when positive, nothing the line is built from can change any more (the framework has captured
     *                  what belongs to the logging thread, and the message's arguments are immutable), so the line is
     *                  built on the client's thread, sparing the logging thread the formatting; the value is the
     *                  line's estimated size ({@link LogLine#estimatedSize(int, boolean, int, int, int)}). 0: the
     *                  line is built on the logging thread.
     */
    public record Event(String loggerName, String threadName, EcomEvent typed, Map<String, String> mdc,
                        Supplier<LogLine> line, int laterSize) {

        /** An event whose line is built on the logging thread. */
        public Event(String loggerName, String threadName, EcomEvent typed, Map<String, String> mdc,
                     Supplier<LogLine> line) {
            this(loggerName, threadName, typed, mdc, line, 0);
        }
    }

    /**
     * Set while this thread is inside {@link #send}. A flag flipped in place: setting and removing a thread-local
     * entry per event costs the logging thread more, and a {@code boolean[]} pins no class loader.
     */
    private static final ThreadLocal<boolean[]> INSIDE = ThreadLocal.withInitial(() -> new boolean[1]);

    private final String name;
    private final PipelineSettings settings;
    private final Status status;
    private final LogEventMapper mapper;
    private final List<String> ignoredPrefixes;
    private final Object openLock = new Object();
    private volatile Pipeline pipeline;
    private volatile boolean openFailed;

    public LoggingBridge(String name, PipelineSettings settings, Status status) {
        this.name = name;
        this.settings = settings;
        this.status = status;
        this.mapper = new LogEventMapper(settings.mapperSettings());
        this.ignoredPrefixes = settings.ignoredLoggerPrefixes();
    }

    public LogEventMapper mapper() {
        return mapper;
    }

    /**
     * Sends one logging event. {@code encoded} produces the foreign encoder's bytes, or is null for the default
     * mapping. Never throws: a problem is reported to the status channel.
     */
    public void send(Event event, Supplier<byte[]> encoded, Charset charset, Format format) {
        boolean[] inside = INSIDE.get();
        if (inside[0] || PipelineSettings.ignores(ignoredPrefixes, event.loggerName(), event.threadName())) {
            return; // our own logging, or a library logging on our threads: never feed the appender with itself
        }
        inside[0] = true;
        try {
            EcomlogClient client = client();
            if (client == null) {
                return;
            }
            // mapping (ids, validation, stack traces) runs on the client's thread: the logging thread only captures
            if (event.typed() != null) {
                EcomEvent typed = event.typed();
                Map<String, String> mdc = event.mdc();
                client.trackLater(() -> mapper.enrich(typed, mdc), typed.estimatedSize());
                return;
            }
            if (encoded == null) {
                if (event.laterSize() > 0) {
                    Supplier<LogLine> later = event.line();
                    client.trackLater(() -> mapper.map(later.get()), event.laterSize());
                } else {
                    LogLine line = event.line().get();
                    client.trackLater(() -> mapper.map(line), line.estimatedSize());
                }
                return;
            }
            byte[] bytes = encoded.get();
            if (bytes == null || bytes.length == 0) {
                return;
            }
            if (format == Format.JSON || (format == Format.AUTO && startsWithBrace(bytes))) {
                client.submitJson(bytes);
            } else {
                LogLine line = event.line().get();
                String text = new String(bytes, charset).stripTrailing();
                client.trackLater(() -> mapper.mapText(line, text), line.estimatedSize() + text.length());
            }
        } catch (RuntimeException | LinkageError e) {
            status.warn("ecomlog appender [" + name + "] could not take an event of logger " + event.loggerName()
                    + ": " + e, e);
        } finally {
            inside[0] = false;
        }
    }

    /** The running client, built on first use; null when building it failed (reported once). */
    public EcomlogClient client() {
        Pipeline p = pipeline;
        if (p != null) {
            return p.client();
        }
        synchronized (openLock) {
            if (pipeline == null && !openFailed) {
                try {
                    pipeline = settings.open(listener());
                    status.info("ecomlog appender [" + name + "] sending to " + pipeline.client().destinationNames());
                } catch (RuntimeException | LinkageError e) { // a library version clash must not reach the host
                    openFailed = true;
                    status.error("ecomlog appender [" + name + "] could not build its client; events are dropped"
                            + " until it is restarted: " + e.getMessage(), e);
                }
            }
            return pipeline == null ? null : pipeline.client();
        }
    }

    /**
     * Opens the client soon, on a thread of its own, when the spool holds events from an earlier run, so that they are
     * replayed without waiting for the first log line; the configuration path itself makes no network call and
     * touches no spool file.
     */
    public void openSoonIfSpooled() {
        var opener = new Thread(() -> {
            if (SpoolLocation.holdsEvents(settings.spoolPath())) {
                client();
            }
        }, PipelineSettings.OWN_THREAD_PREFIX + "open-" + name);
        opener.setDaemon(true);
        opener.start();
    }

    /**
     * Closes the pipeline, if it was opened, within {@code timeout}. Returns false when events were neither delivered
     * nor secured by then (reported as a warning).
     */
    public boolean close(Duration timeout) {
        Pipeline p;
        synchronized (openLock) {
            p = pipeline;
            pipeline = null;
            openFailed = false;
        }
        if (p == null) {
            return true;
        }
        boolean secured = p.close(timeout);
        DeliveryStats stats = p.client().stats();
        if (secured) {
            status.info("ecomlog appender [" + name + "] closed: " + stats);
        } else {
            status.warn("ecomlog appender [" + name + "] closed after " + timeout
                    + " with events neither delivered nor secured: " + stats, null);
        }
        return secured;
    }

    /** The client's counters; null before the first event (the client is built lazily) or after close. */
    public DeliveryStats stats() {
        Pipeline p = pipeline;
        return p == null ? null : p.client().stats();
    }

    /** The client, once built; null before the first event and after close. */
    public EcomlogClient openedClient() {
        Pipeline p = pipeline;
        return p == null ? null : p.client();
    }

    private DeliveryListener listener() {
        return new DeliveryListener() {
            @Override
            public void warn(String message, Throwable cause) {
                status.warn("ecomlog [" + name + "]: " + message, cause);
            }

            @Override
            public void info(String message) {
                status.info("ecomlog [" + name + "]: " + message);
            }
        };
    }

    private static boolean startsWithBrace(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }
}
