package io.ecomlog.backend.flink.settings;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the analytics jobs detect and how (group {@code ecomlog.jobs}); the defaults are the thresholds the shop's
 * analysts worked with in their notebooks: a bot is more than 10 actions in 10 s (tumbling), a surge is 10 orders or more in 10 s (sliding by 1 s),
 * conversion under 10 % over an hour of at least 100 sessions, revenue of a minute under half the average of the
 * last 15 minutes (each of which had revenue).
 */
public record JobSettings(Set<Job> jobs,
                          Duration outOfOrderness, Duration idleness, Duration allowedLateness, Duration dedupTtl,
                          long botMaxActions, Duration botWindow, Duration botSlide,
                          long surgeMinOrders, Duration surgeWindow, Duration surgeSlide,
                          Duration kpiWindow, int topProducts,
                          Duration conversionWindow, BigDecimal conversionThreshold, long conversionMinSessions,
                          BigDecimal revenueDropRatio, int revenueHistoryMinutes, BigDecimal revenueMinAverage)
        implements Serializable {

    public static final String GROUP = "ecomlog.jobs.";

    /** The three jobs; any subset runs in one application over one source. */
    public enum Job {
        BOT, SURGE, KPI
    }

    public static JobSettings defaults() {
        return from(new Parameters(Map.of()));
    }

    public static JobSettings from(Parameters p) {
        var ms = Duration.ofMillis(1);
        return new JobSettings(
                jobs(p.text(GROUP + "jobs", "bot,surge,kpi")),
                p.duration(GROUP + "watermark.out.of.orderness", Duration.ofSeconds(5), Duration.ZERO),
                p.duration(GROUP + "watermark.idleness", Duration.ofSeconds(30), ms),
                p.duration(GROUP + "allowed.lateness", Duration.ofSeconds(30), Duration.ZERO),
                p.duration(GROUP + "dedup.ttl", Duration.ofHours(1), Duration.ofSeconds(1)),
                p.count(GROUP + "bot.max.actions", 10, 1),
                p.duration(GROUP + "bot.window", Duration.ofSeconds(10), ms),
                p.duration(GROUP + "bot.slide", Duration.ZERO, Duration.ZERO),
                p.count(GROUP + "surge.min.orders", 10, 1),
                p.duration(GROUP + "surge.window", Duration.ofSeconds(10), ms),
                p.duration(GROUP + "surge.slide", Duration.ofSeconds(1), Duration.ZERO),
                p.duration(GROUP + "kpi.window", Duration.ofMinutes(1), Duration.ofSeconds(1)),
                (int) p.count(GROUP + "kpi.top.products", 5, 0),
                p.duration(GROUP + "conversion.window", Duration.ofHours(1), Duration.ofMinutes(1)),
                p.decimal(GROUP + "conversion.threshold", new BigDecimal("0.10"), BigDecimal.ZERO, BigDecimal.ONE),
                p.count(GROUP + "conversion.min.sessions", 100, 1),
                p.decimal(GROUP + "revenue.drop.ratio", new BigDecimal("0.5"), BigDecimal.ZERO, BigDecimal.ONE),
                (int) p.count(GROUP + "revenue.history.minutes", 15, 1),
                p.decimal(GROUP + "revenue.min.average", BigDecimal.ZERO, BigDecimal.ZERO,
                        new BigDecimal("1000000000000")));
    }

    /** Whether a slide shorter than the window was set (a sliding bot window); zero means tumbling. */
    public boolean botSliding() {
        return !botSlide.isZero() && botSlide.compareTo(botWindow) < 0;
    }

    public boolean surgeSliding() {
        return !surgeSlide.isZero() && surgeSlide.compareTo(surgeWindow) < 0;
    }

    private static Set<Job> jobs(String list) {
        var jobs = EnumSet.noneOf(Job.class);
        for (String name : list.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                jobs.add(Job.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(GROUP + "jobs must list some of bot, surge, kpi, was '" + list
                        + "'", e);
            }
        }
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException(GROUP + "jobs must name at least one of " + Arrays.toString(
                    Job.values()).toLowerCase(Locale.ROOT));
        }
        return jobs;
    }
}
