package io.ecomlog.benchmarks;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import io.ecomlog.logback.EcomlogAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What one logging call costs the calling thread, through Logback:
 * <ul>
 *   <li>{@code ecomlog}: {@link EcomlogAppender} (its default JSON mapping, default queue and overflow policy),
 *       sending to Kinesis (SDK v2, CBOR) at an in-process {@link CountingEndpoint};</li>
 *   <li>{@code async-logstash}: Logback's {@link AsyncAppender} (defaults: queue 256, discarding INFO and below when
 *       80 % full, blocking when full) around an {@link OutputStreamAppender} with a {@link LogstashEncoder}, writing
 *       to {@link OutputStream#nullOutputStream()}.</li>
 * </ul>
 * The same call for both: {@code log.info("product viewed mid={} sku={} price={}", ...)} on a logger at INFO, with
 * {@code session_id}, {@code user_id} and {@code request_id} in the MDC.
 *
 * <p>Calls are paced like {@link TrackBenchmark}: a spin in an invocation-level setup (left out of SampleTime's
 * timings) offers one call every {@code paceNanos} (10 µs by default). Unpaced, the benchmark thread would fill
 * ecomlog's queue (100,000 events, drop-newest) or the AsyncAppender's (256, then discard or block), and the figures
 * would be those of the rejection or blocking path. The rate reached, the caller thread's own allocation per call
 * and, for ecomlog, what was dropped are printed at the end of each trial.
 *
 * <p>Logback is selected as the SLF4J provider of the forked JVM with {@code -Dslf4j.provider} (the benchmarks jar
 * also holds slf4j-simple for the other benchmarks). {@code -prof gc} counts every thread of the JVM: the appender's
 * worker threads and, for ecomlog, the SDK and the counting endpoint in the same process.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {
        "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider",
        "-Daws.disableEc2Metadata=true",
        "-Dcom.amazonaws.sdk.disableEc2Metadata=true"})
public class LogbackAppenderBenchmark extends PacedBenchmark {

    /**
     * {@code ecomlog}: to Kinesis at the in-process counting endpoint; {@code ecomlog-lake}: to the local data lake (a
     * temp folder), the nearest to the AsyncAppender's null sink, with no SDK or endpoint competing for the two cores.
     */
    @Param({"ecomlog", "ecomlog-lake", "async-logstash"})
    public String appender;

    /** ecomlog's {@code settings} (say {@code batchBytes=1MiB}); empty for its defaults. */
    @Param({""})
    public String settings;


    private LoggerContext context;
    private Logger log;
    private CountingEndpoint endpoint;
    private EcomlogAppender ecomlog;
    private Path awsDir;
    private Path lakeDir;
    /** The trial's own: with the default one, a trial would replay what the previous trial left at its close. */
    private Path spoolDir;
    private String sku;
    private BigDecimal price;


    @Setup(org.openjdk.jmh.annotations.Level.Trial)
    public void start() throws IOException {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext lc)) {
            throw new IllegalStateException("Logback is not the SLF4J provider (run with"
                    + " -Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider): "
                    + LoggerFactory.getILoggerFactory().getClass().getName());
        }
        context = lc;
        context.reset(); // drops Logback's default console configuration
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN); // no appender on root
        log = context.getLogger("io.shop.checkout.ProductController");
        log.setLevel(Level.INFO);
        log.setAdditive(false);
        log.addAppender(switch (appender) {
            case "ecomlog" -> ecomlogAppender();
            case "ecomlog-lake" -> ecomlogLakeAppender();
            case "async-logstash" -> asyncLogstash();
            default -> throw new IllegalArgumentException("appender must be ecomlog or async-logstash: " + appender);
        });
        MDC.put("session_id", "6f1c2a9e-3c1d-4f7b-9a55-0d4f8e2b7c11");
        MDC.put("user_id", "u-1042");
        MDC.put("request_id", "req-7f3a91");
        sku = "P-1000042";
        price = new BigDecimal("129.90");
        log.info("warm-up mid={} sku={} price={}", -1, sku, price); // builds ecomlog's client outside the timings
    }

    private Appender<ILoggingEvent> ecomlogAppender() throws IOException {
        endpoint = CountingEndpoint.start();
        awsDir = BenchAws.writeProfileFiles();
        ecomlog = new EcomlogAppender();
        ecomlog.setContext(context);
        ecomlog.setName("ECOMLOG");
        ecomlog.setKinesisStream("bench-stream");
        ecomlog.setEndpoint(endpoint.uri().toString());
        ecomlog.setRegion("us-east-1");
        ecomlog.setProfile(BenchAws.PROFILE);
        spoolDir = Files.createTempDirectory("ecomlog-bench-spool");
        ecomlog.setSpoolDirectory(spoolDir.toString());
        if (!settings.isBlank()) {
            ecomlog.setSettings(settings);
        }
        ecomlog.setShutdownHook(false);
        ecomlog.start();
        requireStarted(ecomlog);
        return ecomlog;
    }

    private Appender<ILoggingEvent> ecomlogLakeAppender() throws IOException {
        ecomlog = new EcomlogAppender();
        ecomlog.setContext(context);
        ecomlog.setName("ECOMLOG");
        lakeDir = Files.createTempDirectory("ecomlog-bench-lake");
        ecomlog.setLocalLakeDirectory(lakeDir.toString());
        ecomlog.setShutdownHook(false);
        ecomlog.start();
        requireStarted(ecomlog);
        return ecomlog;
    }

    private Appender<ILoggingEvent> asyncLogstash() {
        var encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        var sink = new OutputStreamAppender<ILoggingEvent>();
        sink.setContext(context);
        sink.setName("NULL");
        sink.setEncoder(encoder);
        sink.setOutputStream(OutputStream.nullOutputStream());
        sink.start();
        var async = new AsyncAppender();
        async.setContext(context);
        async.setName("ASYNC");
        async.addAppender(sink);
        async.start(); // defaults: queueSize 256, discardingThreshold 51, neverBlock false, no caller data
        requireStarted(async);
        return async;
    }

    private void requireStarted(Appender<ILoggingEvent> a) {
        if (!a.isStarted()) {
            throw new IllegalStateException(a.getName() + " did not start: " + context.getStatusManager()
                    .getCopyOfStatusList());
        }
    }


    /** One INFO line with three arguments and three MDC entries. */
    @Benchmark
    public void info() {
        log.info("product viewed mid={} sku={} price={}", caller.calls(), sku, price);
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Trial)
    public void stop() throws IOException {
        var stats = ecomlog == null ? null : ecomlog.stats();
        System.out.printf("%n[%s] %s%n", appender, caller.summary());
        if (stats != null) {
            System.out.printf("[%s] accepted %d, dropped %d %s%n", appender, stats.accepted(), stats.droppedTotal(),
                    stats.dropped());
        }
        context.stop(); // closes ecomlog's client (flush) and drains the AsyncAppender
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            if (s.getLevel() >= Status.WARN) {
                System.out.printf("[%s] logback status: %s%n", appender, s);
            }
        }
        if (endpoint != null) {
            var k = endpoint.kinesis();
            System.out.printf("[%s] endpoint: %d calls, %d records, %d events%n", appender, k.calls(), k.records(),
                    k.events());
            endpoint.close();
        }
        MDC.clear();
        BenchAws.deleteQuietly(awsDir);
        BenchAws.deleteQuietly(lakeDir);
        BenchAws.deleteQuietly(spoolDir);
    }
}
