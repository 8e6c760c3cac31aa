package io.ecomlog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.joran.spi.DefaultClass;
import io.ecomlog.logging.LoggingBridge;
import io.ecomlog.logging.PipelineSettings;
import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.pipeline.EcomlogClient;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A Logback appender that hands every logging event to an ecomlog pipeline ({@link EcomlogClient}): the batching,
 * retries, S3 backup, disk spool and counting are the core's; this class only maps events and owns the client's
 * life cycle. Configured entirely in {@code logback.xml}:
 *
 * <pre>{@code
 * <appender name="ECOMLOG" class="io.ecomlog.logback.EcomlogAppender">
 *   <kinesisStream>shop-events</kinesisStream>
 *   <region>eu-west-1</region>
 *   <s3BackupBucket>shop-events-backup</s3BackupBucket>
 *   <spoolDirectory>/var/spool/ecomlog</spoolDirectory>
 * </appender>
 * }</pre>
 *
 * <p>What is sent:
 * <ul>
 *   <li>a call with an {@link EcomMarkers#event} marker: that typed event (whatever the encoder);</li>
 *   <li>with the default {@link EcomlogJsonEncoder}: {@code app_error} for a line with a throwable, else {@code log},
 *       the MDC mapped to the envelope;</li>
 *   <li>with an encoder that writes JSON objects (e.g. {@code net.logstash.logback.encoder.LogstashEncoder}): its
 *       output as it is ({@link EcomlogClient#submitJson});</li>
 *   <li>with a text encoder (e.g. {@code PatternLayoutEncoder}): a {@code log} event whose message is the text.</li>
 * </ul>
 *
 * <p>{@link #start()} only checks the settings (a problem is reported to Logback's status manager and the appender
 * stays stopped); the SDK clients and the ecomlog client are built at the first event. Credentials come from the
 * SDK's default chain or a named {@code profile}, never from the file. The library's own warnings go to the status
 * manager too. So that the appender can never feed itself, it ignores events logged on the client's own threads
 * (named {@code ecomlog-*}, whatever library logs there), on a thread while it is inside this appender, and by loggers
 * under {@code io.ecomlog}, {@code software.amazon.awssdk} and {@code org.apache.http} (see
 * {@link #setIgnoredLoggers}). {@link #stop()} (from {@code LoggerContext.stop()} or
 * Logback's shutdown hook) closes the client within {@code closeTimeout}.
 */
public class EcomlogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final PipelineSettings settings = new PipelineSettings();
    private Encoder<ILoggingEvent> encoder;
    private boolean ownEncoder;
    private LoggingBridge.Format format = LoggingBridge.Format.AUTO;
    private volatile LoggingBridge bridge;

    /**
     * Checks the settings and prepares the mapping. Whatever goes wrong here, a linkage error from a library version
     * the application brings included, is reported to the status manager and leaves this appender stopped: a logging
     * library must never stop its host from configuring its logging.
     */
    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        var problems = settings.problems();
        if (!problems.isEmpty()) {
            problems.forEach(p -> addError("ecomlog appender [" + getName() + "]: " + p));
            addError("ecomlog appender [" + getName() + "] not started: nothing it receives will be sent");
            return;
        }
        try {
            bridge = new LoggingBridge(getName(), settings, statusChannel());
            if (encoder == null) {
                var json = newDefaultEncoder();
                json.setContext(getContext());
                json.start();
                encoder = json;
                ownEncoder = true;
            }
            if (encoder instanceof EcomlogJsonEncoder json) {
                json.mapper(bridge.mapper());
            }
        } catch (RuntimeException | LinkageError e) {
            bridge = null;
            addError("ecomlog appender [" + getName() + "] not started, nothing it receives will be sent: " + e, e);
            return;
        }
        super.start();
        bridge.openSoonIfSpooled(); // replays what an earlier run left in the spool without waiting for a log line
    }

    /** The encoder used when none is configured; a seam for tests of a failing start. */
    EcomlogJsonEncoder newDefaultEncoder() {
        return new EcomlogJsonEncoder();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop(); // refuse new events first
        bridge.close(settings.closeTimeoutDuration());
        if (ownEncoder) {
            encoder.stop();
            encoder = null;
            ownEncoder = false;
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        Encoder<ILoggingEvent> enc = encoder;
        boolean ownMapping = enc == null || enc instanceof EcomlogJsonEncoder;
        // the thread name and MDC are read here, on the logging thread, before laterSize decides
        var threadName = event.getThreadName();
        var mdc = event.getMDCPropertyMap();
        var typed = LogbackEvents.typedEvent(event);
        int laterSize = ownMapping && typed == null ? LogbackEvents.laterSize(event) : 0;
        bridge.send(new LoggingBridge.Event(event.getLoggerName(), threadName, typed, mdc,
                        () -> LogbackEvents.line(event), laterSize),
                ownMapping ? null : () -> enc.encode(event), charsetOf(enc), format);
    }

    private LoggingBridge.Status statusChannel() {
        return new LoggingBridge.Status() {
            @Override
            public void info(String message) {
                addInfo(message);
            }

            @Override
            public void warn(String message, Throwable cause) {
                addWarn(message, cause);
            }

            @Override
            public void error(String message, Throwable cause) {
                addError(message, cause);
            }
        };
    }

    private static Charset charsetOf(Encoder<?> enc) {
        if (enc instanceof LayoutWrappingEncoder<?> lwe && lwe.getCharset() != null) {
            return lwe.getCharset();
        }
        return StandardCharsets.UTF_8;
    }

    // ------------------------------------------------------------------ for tests and operators

    /** The client's counters; null before the first event (the client is built lazily) or after stop. */
    public DeliveryStats stats() {
        var b = bridge;
        return b == null ? null : b.stats();
    }

    /** The client, once built (at the first event); null before that and after stop. */
    public EcomlogClient ecomlogClient() {
        var b = bridge;
        return b == null ? null : b.openedClient();
    }

    // ------------------------------------------------------------------ logback.xml properties

    public Encoder<ILoggingEvent> getEncoder() {
        return encoder;
    }

    /** Any encoder; without one, {@link EcomlogJsonEncoder}. */
    @DefaultClass(EcomlogJsonEncoder.class)
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
        this.ownEncoder = false;
    }

    /** How another encoder's output is read: AUTO (default), JSON or TEXT. */
    public void setFormat(String format) {
        this.format = LoggingBridge.Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
    }

    public void setKinesisStream(String v) { settings.setKinesisStream(v); }
    public void setFirehoseStream(String v) { settings.setFirehoseStream(v); }
    public void setLocalLakeDirectory(String v) { settings.setLocalLakeDirectory(v); }
    public void setS3BackupBucket(String v) { settings.setS3BackupBucket(v); }
    public void setS3BackupPrefix(String v) { settings.setS3BackupPrefix(v); }
    /**
     * The disk spool's folder; without it, {@code ~/.ecomlog/spool/<applicationName>/<producerId or host>} (root
     * overridable with {@code -Decomlog.spool.root}); {@code none} switches the spool off.
     */
    public void setSpoolDirectory(String v) { settings.setSpoolDirectory(v); }
    /**
     * Names the application in the default spool folder and in every event's {@code app.name} (default: the main class
     * or jar name).
     */
    public void setApplicationName(String v) { settings.setApplicationName(v); }
    /** Every event's {@code app.version} (default: none). */
    public void setApplicationVersion(String v) { settings.setApplicationVersion(v); }
    /** Every event's {@code app.environment}, e.g. {@code prod} (default: none). */
    public void setEnvironment(String v) { settings.setEnvironment(v); }
    public void setSpoolMaxBytes(String v) { settings.setSpoolMaxBytes(v); }
    public void setRegion(String v) { settings.setRegion(v); }
    /** Endpoint override for every AWS client (a local stand-in, a VPC endpoint). */
    public void setEndpoint(String v) { settings.setEndpoint(v); }
    public void setKinesisEndpoint(String v) { settings.setKinesisEndpoint(v); }
    public void setFirehoseEndpoint(String v) { settings.setFirehoseEndpoint(v); }
    public void setS3Endpoint(String v) { settings.setS3Endpoint(v); }
    /** A named profile of the shared AWS config/credentials files; without it, the SDK's default chain. */
    public void setProfile(String v) { settings.setProfile(v); }
    public void setPartitionKey(String v) { settings.setPartitionKey(v); }
    public void setKeyBuckets(int v) { settings.setKeyBuckets(v); }
    public void setLinger(String v) { settings.setLinger(v); }
    public void setBatchBytes(String v) { settings.setBatchBytes(v); }
    public void setGzip(boolean v) { settings.setGzip(v); }
    public void setQueueCapacity(int v) { settings.setQueueCapacity(v); }
    public void setQueueMaxBytes(String v) { settings.setQueueMaxBytes(v); }
    public void setOverflowPolicy(String v) { settings.setOverflowPolicy(v); }
    public void setBlockTimeout(String v) { settings.setBlockTimeout(v); }
    public void setRecordTtl(String v) { settings.setRecordTtl(v); }
    public void setCloseTimeout(String v) { settings.setCloseTimeout(v); }
    public void setProducerId(String v) { settings.setProducerId(v); }
    /** Replace Luhn-valid card numbers before sending (default true). */
    public void setRedactCards(boolean v) { settings.setRedactCards(v); }
    /** Replace e-mail addresses before sending (default false). */
    public void setRedactEmails(boolean v) { settings.setRedactEmails(v); }
    /** Zero the last octet of IPv4 addresses before sending (default false). */
    public void setTruncateIps(boolean v) { settings.setTruncateIps(v); }
    /** Whether the client registers its own JVM shutdown hook too (default true). */
    public void setShutdownHook(boolean v) { settings.setShutdownHook(v); }
    /** Comma-separated logger-name prefixes to ignore (default {@value PipelineSettings#DEFAULT_IGNORED_LOGGERS}). */
    public void setIgnoredLoggers(String v) { settings.setIgnoredLoggers(v); }
    /** Any client setting as {@code name=value} pairs (see {@link PipelineSettings#setSettings}). */
    public void setSettings(String v) { settings.setSettings(v); }
    public void setUserIdMdcKey(String v) { settings.setUserIdMdcKey(v); }
    public void setSessionIdMdcKey(String v) { settings.setSessionIdMdcKey(v); }
    public void setAnonymousIdMdcKey(String v) { settings.setAnonymousIdMdcKey(v); }
    public void setRequestIdMdcKey(String v) { settings.setRequestIdMdcKey(v); }
    public void setIncludeMdc(boolean v) { settings.setIncludeMdc(v); }
    public void setErrorsAsAppError(boolean v) { settings.setErrorsAsAppError(v); }
    public void setMaxStackFrames(int v) { settings.setMaxStackFrames(v); }
    public void setMaxStackBytes(int v) { settings.setMaxStackBytes(v); }
}
