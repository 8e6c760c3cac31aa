package io.ecomlog.logback;

import ch.qos.logback.classic.LoggerContext;
import io.ecomlog.spool.SpoolLocation;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * An application run by {@link EcomlogAppenderBurstTest} in a JVM of its own, with the appender at its defaults:
 * {@code burst N} logs N lines of ~300 bytes from one thread, stops the logger context and exits; {@code replay}
 * starts, logs nothing, waits until the spool an earlier run left is empty, stops and exits. Prints the client's
 * counters.
 */
public final class BurstChild {

    private BurstChild() {
    }

    public static void main(String[] args) throws Exception {
        LoggerContext ctx = LogbackConfigs.configure("/logback-test-defaults.xml");
        EcomlogAppender appender = LogbackConfigs.appender(ctx);
        if (args[0].equals("burst")) {
            int n = Integer.parseInt(args[1]);
            var logger = LoggerFactory.getLogger("shop.Burst");
            String padding = "x".repeat(200);
            for (int i = 0; i < n; i++) {
                logger.info("burst line {} {}", line(i), padding);
            }
        } else if (!SpoolLocation.holdsEvents(SpoolLocation.root())) {
            System.out.println("NOTHING SPOOLED");
        } else {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                var stats = appender.stats(); // null until the appender opened its client (without a log line)
                if (stats != null && stats.destinations().get(0).spoolBytes() == 0) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        var client = appender.ecomlogClient();
        long start = System.nanoTime();
        ctx.stop();
        System.out.println("STOP took " + (System.nanoTime() - start) / 1_000_000 + " ms");
        var stats = client == null ? null : client.stats();
        System.out.println("STATS " + stats);
        System.out.println("DROPPED " + (stats == null ? -1 : stats.droppedTotal()));
        System.out.println("REPLAYED " + (stats == null ? -1 : stats.destinations().get(0).replayed()));
    }

    static String line(int i) {
        return String.format("%07d", i);
    }
}
