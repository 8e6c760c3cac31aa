package io.ecomlog.benchmarks;

import io.ecomlog.log4j2.EcomlogAppender;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What one logging call costs the calling thread, through Log4j2, the same call and pacing as
 * {@link LogbackAppenderBenchmark}:
 * <ul>
 *   <li>{@code ecomlog}: ecomlog's {@code Ecomlog} appender (defaults) on an ordinary logger, sending to Kinesis at an
 *       in-process {@link CountingEndpoint}; {@code ecomlog-lake}: the same appender writing the local data lake;</li>
 *   <li>{@code async-json}: Log4j2's fastest path, all loggers asynchronous (LMAX Disruptor,
 *       {@code log4j2.contextSelector=AsyncLoggerContextSelector}, set in this fork before Log4j2 starts) with a
 *       {@code JsonTemplateLayout} (its default ECS template) writing a file appender to {@code /dev/null}
 *       (buffered, no flush per event).</li>
 * </ul>
 *
 * <p>Log4j2 finds its plugins through each jar's {@code Log4j2Plugins.dat}, which the shaded benchmarks jar cannot
 * merge; run this benchmark from the module's class path instead (see docs/benchmarks.md).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Daws.disableEc2Metadata=true", "-Dlog4j2.enableJndiLookup=false"})
public class Log4j2AppenderBenchmark extends PacedBenchmark {

    @Param({"ecomlog", "ecomlog-lake", "async-json"})
    public String appender;


    private LoggerContext context;
    private Logger log;
    private CountingEndpoint endpoint;
    private Path awsDir;
    private Path lakeDir;
    /** The trial's own: with the default one, a trial would replay what the previous trial left at its close. */
    private Path spoolDir;
    private Path configFile;
    private final String sku = "P-1000042";
    private final BigDecimal price = new BigDecimal("129.90");

    @Setup(Level.Trial)
    public void start() throws IOException {
        String appenderXml = switch (appender) {
            case "ecomlog" -> {
                endpoint = CountingEndpoint.start();
                awsDir = BenchAws.writeProfileFiles();
                spoolDir = Files.createTempDirectory("ecomlog-bench-spool");
                yield "<Ecomlog name=\"OUT\" kinesisStream=\"bench-stream\" endpoint=\"" + endpoint.uri()
                        + "\" region=\"us-east-1\" profile=\"" + BenchAws.PROFILE + "\" spoolDirectory=\"" + spoolDir
                        + "\" shutdownHook=\"false\"/>";
            }
            case "ecomlog-lake" -> {
                lakeDir = Files.createTempDirectory("ecomlog-bench-lake");
                yield "<Ecomlog name=\"OUT\" localLakeDirectory=\"" + lakeDir + "\" shutdownHook=\"false\"/>";
            }
            case "async-json" -> {
                System.setProperty("log4j2.contextSelector",
                        "org.apache.logging.log4j.core.async.AsyncLoggerContextSelector");
                yield "<File name=\"OUT\" fileName=\"/dev/null\" append=\"true\" immediateFlush=\"false\""
                        + " bufferedIO=\"true\"><JsonTemplateLayout/></File>";
            }
            default -> throw new IllegalArgumentException("appender must be ecomlog, ecomlog-lake or async-json: "
                    + appender);
        };
        configFile = Files.createTempFile("log4j2-bench", ".xml");
        Files.writeString(configFile, "<Configuration status=\"WARN\"><Appenders>" + appenderXml + "</Appenders>"
                + "<Loggers><Root level=\"WARN\"/><Logger name=\"io.shop\" level=\"INFO\" additivity=\"false\">"
                + "<AppenderRef ref=\"OUT\"/></Logger></Loggers></Configuration>");
        context = Configurator.initialize("bench", null, configFile.toUri());
        boolean async = context.getClass().getName().endsWith("AsyncLoggerContext");
        if (async != "async-json".equals(appender)) {
            throw new IllegalStateException("unexpected logger context " + context.getClass().getName());
        }
        if (context.getConfiguration().getAppender("OUT") == null) {
            throw new IllegalStateException("the appender did not start: " + context.getConfiguration());
        }
        log = context.getLogger("io.shop.checkout.ProductController");
        ThreadContext.put("session_id", "6f1c2a9e-3c1d-4f7b-9a55-0d4f8e2b7c11");
        ThreadContext.put("user_id", "u-1042");
        ThreadContext.put("request_id", "req-7f3a91");
        log.info("warm-up mid={} sku={} price={}", -1, sku, price); // builds ecomlog's client outside the timings
    }


    /** One INFO line with three arguments and three ThreadContext entries. */
    @Benchmark
    public void info() {
        log.info("product viewed mid={} sku={} price={}", caller.calls(), sku, price);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        System.out.printf("%n[%s] %s%n", appender, caller.summary());
        if (context.getConfiguration().getAppender("OUT") instanceof EcomlogAppender ecomlog
                && ecomlog.stats() != null) {
            var stats = ecomlog.stats();
            System.out.printf("[%s] accepted %d, dropped %d %s%n", appender, stats.accepted(), stats.droppedTotal(),
                    stats.dropped());
        }
        Configurator.shutdown(context); // closes ecomlog's client (flush) and drains the Disruptor
        if (endpoint != null) {
            var k = endpoint.kinesis();
            System.out.printf("[%s] endpoint: %d calls, %d records, %d events%n", appender, k.calls(), k.records(),
                    k.events());
            endpoint.close();
        }
        ThreadContext.clearAll();
        BenchAws.deleteQuietly(awsDir);
        BenchAws.deleteQuietly(lakeDir);
        BenchAws.deleteQuietly(spoolDir);
        Files.deleteIfExists(configFile);
    }
}
