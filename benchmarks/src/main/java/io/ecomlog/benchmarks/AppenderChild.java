package io.ecomlog.benchmarks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import com.kdgregory.logback.aws.KinesisAppender;
import io.ecomlog.logback.EcomlogAppender;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One appender in a JVM of its own, started by {@link AppenderComparisonHarness}: configures Logback from an XML
 * string, logs {@code events} INFO lines ({@code product viewed mid=<n> sku=... price=...}, three MDC entries) from
 * the main thread, then, by {@code mode}:
 * <ul>
 *   <li>{@code wait}: waits for a line on standard input from the harness, then stops the {@link LoggerContext} (each
 *       appender flushes on stop) and exits;</li>
 *   <li>{@code exit1s}: sleeps one second after the last logging call and calls {@code System.exit(0)}: only each
 *       library's own JVM shutdown hook can still send what is left (no Logback {@code <shutdownHook/>}, no
 *       {@code LoggerContext.stop()}).</li>
 * </ul>
 * Prints {@code START <epoch ms>}, {@code LOGGED <epoch ms> <loop ns>} and, in {@code wait} mode,
 * {@code STATS ...} and {@code STOPPED <epoch ms>}, for the harness to read.
 *
 * <p>Arguments ({@code --name value}): {@code appender} ({@code ecomlog} or {@code kdgregory}), {@code endpoint}
 * ({@code http://127.0.0.1:<port>}), {@code stream}, {@code events}, {@code mode}, {@code lossless} (ecomlog:
 * {@code overflowPolicy BLOCK}; kdgregory: {@code discardAction none}; default false = each library's defaults),
 * {@code close-timeout} (ecomlog only; its default is 5 s), {@code pace-nanos} (0), {@code warmup} (0: lines logged
 * first, without the counted marker, followed by a 3 s pause).
 */
public final class AppenderChild {

    private AppenderChild() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = EndToEndHarness.parse(args);
        String appender = o.get("appender");
        String endpoint = o.get("endpoint");
        String stream = o.get("stream");
        long events = Long.parseLong(o.getOrDefault("events", "20000"));
        String mode = o.getOrDefault("mode", "wait");
        boolean lossless = Boolean.parseBoolean(o.getOrDefault("lossless", "false"));
        long paceNanos = Long.parseLong(o.getOrDefault("pace-nanos", "0"));
        long warmup = Long.parseLong(o.getOrDefault("warmup", "0"));
        if (endpoint == null || !endpoint.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("--endpoint must be http://127.0.0.1:<port>, was " + endpoint);
        }
        System.setProperty(BenchAws.V1_ENDPOINT_PROPERTY, endpoint);
        var awsDir = BenchAws.writeProfileFiles();

        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException("Logback is not the SLF4J provider: "
                    + LoggerFactory.getILoggerFactory().getClass().getName());
        }
        context.reset();
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml(appender, endpoint, stream, lossless,
                o.getOrDefault("close-timeout", "")).getBytes(StandardCharsets.UTF_8)));
        Logger log = context.getLogger("io.shop.checkout.ProductController");
        Appender<?> target = log.getAppender("TARGET");
        if (target == null || !target.isStarted()) {
            printStatus(context);
            throw new IllegalStateException("appender " + appender + " did not start");
        }

        MDC.put("session_id", "6f1c2a9e-3c1d-4f7b-9a55-0d4f8e2b7c11");
        MDC.put("user_id", "u-1042");
        MDC.put("request_id", "req-7f3a91");
        String sku = "P-1000042";
        BigDecimal price = new BigDecimal("129.90");

        if (warmup > 0) {
            // lines without the counted marker: JIT, the SDK client built, connections open; then 3 s for the
            // appender to send them (kdgregory's batch delay is 2 s)
            for (long i = 0; i < warmup; i++) {
                log.info("warm-up line {} sku={} price={}", i, sku, price);
            }
            Thread.sleep(3000);
        }
        System.out.println("START " + System.currentTimeMillis());
        long t0 = System.nanoTime();
        long next = t0;
        for (long i = 0; i < events; i++) {
            if (paceNanos > 0) {
                next += paceNanos;
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
            }
            log.info("product viewed mid={} sku={} price={}", i, sku, price);
        }
        long loopNanos = System.nanoTime() - t0;
        System.out.println("LOGGED " + System.currentTimeMillis() + " " + loopNanos);
        System.out.flush();

        if (mode.equals("exit1s")) {
            Thread.sleep(1000);
            System.out.println("EXIT " + System.currentTimeMillis() + " " + stats(target));
            System.out.flush();
            System.exit(0); // shutdown hooks only
        }
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        in.readLine(); // the harness says when (or closes stdin)
        System.out.println("STATS " + stats(target));
        context.stop();
        System.out.println("STOPPED " + System.currentTimeMillis());
        printStatus(context);
        BenchAws.deleteQuietly(awsDir);
        System.out.flush();
        System.exit(0);
    }

    static String xml(String appender, String endpoint, String stream, boolean lossless, String closeTimeout) {
        String body = switch (appender) {
            case "ecomlog" -> """
                    <appender name="TARGET" class="io.ecomlog.logback.EcomlogAppender">
                      <kinesisStream>%s</kinesisStream>
                      <endpoint>%s</endpoint>
                      <region>us-east-1</region>
                      <profile>%s</profile>
                      %s
                      %s
                    </appender>
                    """.formatted(stream, endpoint, BenchAws.PROFILE,
                    lossless ? "<overflowPolicy>BLOCK</overflowPolicy><blockTimeout>60s</blockTimeout>" : "",
                    closeTimeout.isBlank() ? "" : "<closeTimeout>" + closeTimeout + "</closeTimeout>");
            case "kdgregory" -> """
                    <appender name="TARGET" class="com.kdgregory.logback.aws.KinesisAppender">
                      <streamName>%s</streamName>
                      <clientFactory>io.ecomlog.benchmarks.BenchAws.kdgregoryKinesisClient</clientFactory>
                      <layout class="com.kdgregory.logback.aws.JsonLayout"/>
                      %s
                    </appender>
                    """.formatted(stream, lossless ? "<discardAction>none</discardAction>" : "");
            default -> throw new IllegalArgumentException("--appender must be ecomlog or kdgregory: " + appender);
        };
        return """
                <configuration>
                %s
                  <logger name="io.shop.checkout.ProductController" level="INFO" additivity="false">
                    <appender-ref ref="TARGET"/>
                  </logger>
                  <root level="WARN"/>
                </configuration>
                """.formatted(body);
    }

    static String stats(Appender<?> target) {
        if (target instanceof EcomlogAppender e) {
            var s = e.stats();
            if (s == null) {
                return "ecomlog: no client";
            }
            var d = s.destinations().get(0);
            return "ecomlog: accepted=" + s.accepted() + " dropped=" + s.droppedTotal() + " " + s.dropped()
                    + " sent=" + d.sent() + " retried=" + d.retried() + " backedUp=" + d.backedUpTotal()
                    + " spooled=" + d.spooled() + " calls=" + d.calls() + " failedCalls=" + d.failedCalls();
        }
        if (target instanceof KinesisAppender k) {
            var s = k.getAppenderStatistics();
            return "kdgregory: sent=" + s.getMessagesSent() + " discarded=" + s.getMessagesDiscarded()
                    + " throttledWrites=" + s.getThrottledWrites() + " lastError=" + s.getLastErrorMessage();
        }
        return String.valueOf(target);
    }

    static void printStatus(LoggerContext context) {
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            if (s.getLevel() >= Status.WARN) {
                System.out.println("STATUS " + s);
            }
        }
    }
}
