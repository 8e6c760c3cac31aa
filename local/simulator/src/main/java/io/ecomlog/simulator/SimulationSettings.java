package io.ecomlog.simulator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What to simulate. The run stops at {@code events} events or after {@code duration}, whichever comes first (at least
 * one of them is set). Synthetic shoppers are paced at {@code rate} events per second; the injected anomalies are
 * bursts sent as fast as the appender takes them, spread over the run.
 *
 * @param replayFiles the public samples (or full downloads of them) to replay; an absent file is skipped
 * @param replay      whether the files' events are sent (otherwise they only give the shoppers' catalogue)
 * @param replayRows  at most this many rows read from each replayed file (bounded memory for multi-GB downloads)
 * @param keepTime    backfill: the files' events only, all of them, in time order and at their original times; no
 *                    synthetic shoppers and no anomalies (they are traffic of now, which would put the history behind
 *                    the watermark of an event-time backend)
 */
public record SimulationSettings(long events, double rate, Duration duration, long seed, ReplayFiles replayFiles,
                                 long replayRows, int bots, int surges, int loginBursts, String shop,
                                 boolean replay, boolean keepTime) {

    /** The files to replay; any may be null. */
    public record ReplayFiles(Path rees46, Path onlineRetail, Path accessLog) {
        public static ReplayFiles none() {
            return new ReplayFiles(null, null, null);
        }

        public static ReplayFiles samples(Path dataDir) {
            return new ReplayFiles(dataDir.resolve("rees46/2019-Oct-sample.csv"),
                    dataDir.resolve("online-retail/OnlineRetail-sample.csv"),
                    dataDir.resolve("apache/access-combined-2015.log"));
        }
    }

    public SimulationSettings {
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0, was " + events);
        }
        if (!(rate > 0) || rate > 1_000_000) {
            throw new IllegalArgumentException("rate must be in (0, 1000000] events/s, was " + rate);
        }
        if (events == 0 && (duration == null || duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("set --events or a positive --duration");
        }
        if (replayRows < 0 || bots < 0 || surges < 0 || loginBursts < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (shop == null || shop.isBlank()) {
            throw new IllegalArgumentException("shop must not be blank");
        }
        if (replayFiles == null) {
            replayFiles = ReplayFiles.none();
        }
        if (keepTime && !replay) {
            throw new IllegalArgumentException("--keep-time replays the files: it cannot go with --no-replay");
        }
    }

    /** The run's planned size in events (anomaly bursts and replay included), for spreading them evenly. */
    public long plannedEvents() {
        long byDuration = duration == null ? Long.MAX_VALUE : Math.max(1, (long) (rate * duration.toMillis() / 1000.0));
        return events == 0 ? byDuration : Math.min(events, byDuration);
    }

    /**
     * Orders in a 10-second window above which the backend should see a surge: four times what the synthetic
     * shoppers place at this rate (about one order per hundred events) and never under 20. The local backend sets
     * its surge rule from this, and an injected surge places one and a half times as many orders.
     */
    public int surgeThreshold() {
        return (int) Math.max(20, Math.round(rate * 10 / 100.0 * 4));
    }

    public int surgeOrders() {
        return surgeThreshold() * 3 / 2;
    }
}
