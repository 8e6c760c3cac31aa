package io.ecomlog.log4j2;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.logging.LogLine;
import io.ecomlog.logging.LoggingBridge;
import io.ecomlog.logging.PipelineSettings;
import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.pipeline.EcomlogClient;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Log4j2 appender that hands every logging event to an ecomlog pipeline ({@link EcomlogClient}); batching,
 * retries, backup, spool and counting are the core's. Configured in {@code log4j2.xml}:
 *
 * <pre>{@code
 * <Appenders>
 *   <Ecomlog name="ECOMLOG" kinesisStream="shop-events" region="eu-west-1"
 *            s3BackupBucket="shop-events-backup" spoolDirectory="/var/spool/ecomlog"/>
 * </Appenders>
 * }</pre>
 *
 * <p>Without a layout, events are mapped like Logback's: an {@link EcomEventMessage} as its typed event,
 * a throwable as {@code app_error}, anything else as {@code log}, the ThreadContext mapped to the envelope. With a
 * layout that writes JSON objects (e.g. {@code JsonTemplateLayout}) its output is sent as it is
 * ({@link EcomlogClient#submitJson}); with a text layout, the text becomes the message of a {@code log} event.
 * Typed messages are always sent as typed events.
 *
 * <p>The client is built at the first event (no network call while configuring); problems are reported to Log4j2's
 * StatusLogger. Events logged on the client's own threads ({@code ecomlog-*}), on a thread that is inside this
 * appender, or by loggers under {@code io.ecomlog}, {@code software.amazon.awssdk} and {@code org.apache.http}
 * (attribute {@code ignoredLoggers}) are ignored, so the appender never feeds itself. Safe under AsyncLogger
 * and AsyncAppender: everything is read from the event inside {@link #append}. {@link #stop(long, TimeUnit)} closes
 * the client within {@code closeTimeout} (or the caller's shorter timeout), flushing what it holds.
 */
@Plugin(name = "Ecomlog", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class EcomlogAppender extends AbstractAppender {

    private final PipelineSettings settings;
    private final LoggingBridge.Format format;
    private final LoggingBridge bridge;

    private EcomlogAppender(String name, Filter filter, Layout<? extends Serializable> layout,
                            boolean ignoreExceptions, Property[] properties, PipelineSettings settings,
                            LoggingBridge.Format format) {
        super(name, filter, layout, ignoreExceptions, properties);
        this.settings = settings;
        this.format = format;
        this.bridge = new LoggingBridge(name, settings, STATUS);
    }

    /** Log4j2's StatusLogger as the bridge's status channel. */
    private static final LoggingBridge.Status STATUS = new LoggingBridge.Status() {
        @Override
        public void info(String message) {
            LOGGER.debug(message);
        }

        @Override
        public void warn(String message, Throwable cause) {
            LOGGER.warn(message, cause);
        }

        @Override
        public void error(String message, Throwable cause) {
            LOGGER.error(message, cause);
        }
    };

    @PluginBuilderFactory
    public static <B extends Builder<B>> B newBuilder() {
        return new Builder<B>().asBuilder();
    }

    @Override
    public void start() {
        super.start();
        bridge.openSoonIfSpooled(); // replays what an earlier run left in the spool without waiting for a log line
    }

    @Override
    public void append(LogEvent event) {
        if (!isStarted()) {
            return;
        }
        Layout<? extends Serializable> layout = getLayout();
        Map<String, String> mdc = event.getContextData() == null ? Map.of() : event.getContextData().toMap();
        EcomEvent typed = event.getMessage() instanceof EcomEventMessage message ? message.event() : null;
        bridge.send(new LoggingBridge.Event(event.getLoggerName(), event.getThreadName(), typed, mdc,
                        () -> line(event, mdc)),
                layout == null ? null : () -> layout.toByteArray(event), charsetOf(layout), format);
    }

    private static LogLine line(LogEvent event, Map<String, String> mdc) {
        var instant = event.getInstant();
        Instant time = instant == null ? Instant.ofEpochMilli(event.getTimeMillis())
                : Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNanoOfSecond());
        Throwable error = event.getThrown();
        String errorClass = null;
        String errorMessage = null;
        String stackTrace = null;
        if (error == null && event.getThrownProxy() != null) {
            var proxy = event.getThrownProxy();
            errorClass = proxy.getName();
            errorMessage = proxy.getMessage();
            stackTrace = proxy.getExtendedStackTraceAsString();
        }
        return new LogLine(time, event.getLevel() == null ? null : event.getLevel().name(), event.getLoggerName(),
                event.getThreadName(), event.getMessage() == null ? null : event.getMessage().getFormattedMessage(),
                error, errorClass, errorMessage, stackTrace, mdc, Map.of());
    }

    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        setStopping();
        boolean stopped = super.stop(timeout, timeUnit, false);
        Duration closeTimeout = settings.closeTimeoutDuration();
        if (timeout > 0) {
            Duration callers = Duration.ofNanos(timeUnit.toNanos(timeout));
            closeTimeout = callers.compareTo(closeTimeout) < 0 ? callers : closeTimeout;
        }
        if (!bridge.close(closeTimeout)) {
            stopped = false;
        }
        setStopped();
        return stopped;
    }

    /** The client's counters; null before the first event (the client is built lazily) or after stop. */
    public DeliveryStats stats() {
        return bridge.stats();
    }


    private static Charset charsetOf(Layout<?> layout) {
        if (layout != null && layout instanceof AbstractStringLayout sl && sl.getCharset() != null) {
            return sl.getCharset();
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * The {@code <Ecomlog>} element's attributes; names as in the Logback appender. Durations take {@code 500ms},
     * {@code 5s}, {@code PT5S}; sizes {@code 4MB}. There is no attribute for credentials: the SDK's default chain or a
     * named {@code profile}.
     */
    public static class Builder<B extends Builder<B>> extends AbstractAppender.Builder<B>
            implements org.apache.logging.log4j.core.util.Builder<EcomlogAppender> {

        @PluginBuilderAttribute private String kinesisStream;
        @PluginBuilderAttribute private String firehoseStream;
        @PluginBuilderAttribute private String localLakeDirectory;
        @PluginBuilderAttribute private String s3BackupBucket;
        @PluginBuilderAttribute private String s3BackupPrefix;
        @PluginBuilderAttribute private String spoolDirectory;
        @PluginBuilderAttribute private String applicationName;
        @PluginBuilderAttribute private String applicationVersion;
        @PluginBuilderAttribute private String environment;
        @PluginBuilderAttribute private String spoolMaxBytes;
        @PluginBuilderAttribute private String region;
        @PluginBuilderAttribute private String endpoint;
        @PluginBuilderAttribute private String kinesisEndpoint;
        @PluginBuilderAttribute private String firehoseEndpoint;
        @PluginBuilderAttribute private String s3Endpoint;
        @PluginBuilderAttribute private String profile;
        @PluginBuilderAttribute private String partitionKey;
        @PluginBuilderAttribute private Integer keyBuckets;
        @PluginBuilderAttribute private String linger;
        @PluginBuilderAttribute private String batchBytes;
        @PluginBuilderAttribute private Boolean gzip;
        @PluginBuilderAttribute private Integer queueCapacity;
        @PluginBuilderAttribute private String queueMaxBytes;
        @PluginBuilderAttribute private String overflowPolicy;
        @PluginBuilderAttribute private String blockTimeout;
        @PluginBuilderAttribute private String recordTtl;
        @PluginBuilderAttribute private String closeTimeout;
        @PluginBuilderAttribute private String producerId;
        @PluginBuilderAttribute private Boolean shutdownHook;
        @PluginBuilderAttribute private String ignoredLoggers;
        @PluginBuilderAttribute private String userIdMdcKey;
        @PluginBuilderAttribute private String sessionIdMdcKey;
        @PluginBuilderAttribute private String anonymousIdMdcKey;
        @PluginBuilderAttribute private String requestIdMdcKey;
        @PluginBuilderAttribute private Boolean includeMdc;
        @PluginBuilderAttribute private Boolean errorsAsAppError;
        @PluginBuilderAttribute private Integer maxStackFrames;
        @PluginBuilderAttribute private Integer maxStackBytes;
        @PluginBuilderAttribute private String format;
        @PluginBuilderAttribute private Boolean redactCards;
        @PluginBuilderAttribute private Boolean redactEmails;
        @PluginBuilderAttribute private Boolean truncateIps;
        /** Any client setting as {@code name=value} pairs (see {@code PipelineSettings#setSettings}). */
        @PluginBuilderAttribute private String settings;

        public B setKinesisStream(String v) { kinesisStream = v; return asBuilder(); }
        public B setFirehoseStream(String v) { firehoseStream = v; return asBuilder(); }
        public B setLocalLakeDirectory(String v) { localLakeDirectory = v; return asBuilder(); }
        public B setS3BackupBucket(String v) { s3BackupBucket = v; return asBuilder(); }
        public B setS3BackupPrefix(String v) { s3BackupPrefix = v; return asBuilder(); }
        public B setSpoolDirectory(String v) { spoolDirectory = v; return asBuilder(); }
        public B setApplicationName(String v) { applicationName = v; return asBuilder(); }
        public B setApplicationVersion(String v) { applicationVersion = v; return asBuilder(); }
        public B setEnvironment(String v) { environment = v; return asBuilder(); }
        public B setRegion(String v) { region = v; return asBuilder(); }
        public B setEndpoint(String v) { endpoint = v; return asBuilder(); }
        public B setProfile(String v) { profile = v; return asBuilder(); }
        public B setLinger(String v) { linger = v; return asBuilder(); }
        public B setCloseTimeout(String v) { closeTimeout = v; return asBuilder(); }
        public B setShutdownHook(boolean v) { shutdownHook = v; return asBuilder(); }
        public B setSettings(String v) { settings = v; return asBuilder(); }

        @Override
        public EcomlogAppender build() {
            var s = new PipelineSettings();
            s.setKinesisStream(kinesisStream);
            s.setFirehoseStream(firehoseStream);
            s.setLocalLakeDirectory(localLakeDirectory);
            s.setS3BackupBucket(s3BackupBucket);
            if (s3BackupPrefix != null) {
                s.setS3BackupPrefix(s3BackupPrefix);
            }
            s.setSpoolDirectory(spoolDirectory);
            s.setApplicationName(applicationName);
            s.setApplicationVersion(applicationVersion);
            s.setEnvironment(environment);
            s.setSpoolMaxBytes(spoolMaxBytes);
            s.setRegion(region);
            s.setEndpoint(endpoint);
            s.setKinesisEndpoint(kinesisEndpoint);
            s.setFirehoseEndpoint(firehoseEndpoint);
            s.setS3Endpoint(s3Endpoint);
            s.setProfile(profile);
            s.setPartitionKey(partitionKey);
            s.setKeyBuckets(keyBuckets);
            s.setLinger(linger);
            s.setBatchBytes(batchBytes);
            s.setGzip(gzip);
            s.setQueueCapacity(queueCapacity);
            s.setQueueMaxBytes(queueMaxBytes);
            s.setOverflowPolicy(overflowPolicy);
            s.setBlockTimeout(blockTimeout);
            s.setRecordTtl(recordTtl);
            if (closeTimeout != null) {
                s.setCloseTimeout(closeTimeout);
            }
            s.setProducerId(producerId);
            s.setSettings(settings);
            if (redactCards != null) {
                s.setRedactCards(redactCards);
            }
            if (redactEmails != null) {
                s.setRedactEmails(redactEmails);
            }
            if (truncateIps != null) {
                s.setTruncateIps(truncateIps);
            }
            if (shutdownHook != null) {
                s.setShutdownHook(shutdownHook);
            }
            if (ignoredLoggers != null) {
                s.setIgnoredLoggers(ignoredLoggers);
            }
            if (userIdMdcKey != null) {
                s.setUserIdMdcKey(userIdMdcKey);
            }
            if (sessionIdMdcKey != null) {
                s.setSessionIdMdcKey(sessionIdMdcKey);
            }
            if (anonymousIdMdcKey != null) {
                s.setAnonymousIdMdcKey(anonymousIdMdcKey);
            }
            if (requestIdMdcKey != null) {
                s.setRequestIdMdcKey(requestIdMdcKey);
            }
            if (includeMdc != null) {
                s.setIncludeMdc(includeMdc);
            }
            if (errorsAsAppError != null) {
                s.setErrorsAsAppError(errorsAsAppError);
            }
            if (maxStackFrames != null) {
                s.setMaxStackFrames(maxStackFrames);
            }
            if (maxStackBytes != null) {
                s.setMaxStackBytes(maxStackBytes);
            }
            var problems = new ArrayList<>(s.problems());
            LoggingBridge.Format fmt = LoggingBridge.Format.AUTO;
            if (format != null && !format.isBlank()) {
                try {
                    fmt = LoggingBridge.Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add("format must be AUTO, JSON or TEXT, was \"" + format + "\"");
                }
            }
            if (getName() == null || getName().isBlank()) {
                problems.add("the appender needs a name");
            }
            if (!problems.isEmpty()) {
                problems.forEach(p -> LOGGER.error("ecomlog appender [{}]: {}", getName(), p));
                LOGGER.error("ecomlog appender [{}] not created: nothing logged to it will be sent", getName());
                return null;
            }
            try {
                return new EcomlogAppender(getName(), getFilter(), getLayout(), isIgnoreExceptions(),
                        getPropertyArray(), s, fmt);
            } catch (RuntimeException | LinkageError e) {
                // a library version the application brings (Jackson, the SDK) must not stop its logging set-up
                LOGGER.error("ecomlog appender [{}] not created, nothing logged to it will be sent: {}", getName(),
                        e.toString(), e);
                return null;
            }
        }
    }
}
