package io.ecomlog.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The progress line of a long run: a bar, events sent, the rate and the time left. On a terminal it redraws one line;
 * elsewhere (CI, a pipe) it prints a line every ten seconds.
 */
final class Progress {

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static Progress none() {
        return new Progress(null, false);
    }

    /** Called after each event; prints at most four times a second (terminal) or every ten seconds. */
    void update(long sent, long planned, Duration duration) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        long every = terminal ? 250_000_000L : 10_000_000_000L;
        if (now - lastPrintNanos < every) {
            return;
        }
        lastPrintNanos = now;
        out.print(line(sent, planned, duration, now) + (terminal ? "\r" : "\n"));
        out.flush();
    }

    void finish(long sent, long planned, Duration duration) {
        if (out != null) {
            out.println(line(sent, planned, duration, System.nanoTime()));
        }
    }

    private String line(long sent, long planned, Duration duration, long now) {
        double elapsed = (now - startNanos) / 1e9;
        double byEvents = planned <= 0 ? 0 : (double) sent / planned;
        double byTime = duration == null ? 0 : elapsed / (duration.toMillis() / 1000.0);
        double done = Math.min(1, Math.max(byEvents, byTime));
        int width = 30;
        int filled = (int) Math.round(done * width);
        double rate = elapsed <= 0 ? 0 : sent / elapsed;
        long etaSeconds = done <= 0 ? 0 : Math.round(elapsed / done - elapsed);
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %,d events  %,.0f/s  ETA %d:%02d", "#".repeat(filled),
                ".".repeat(width - filled), Math.round(done * 100), sent, rate, etaSeconds / 60, etaSeconds % 60);
    }
}
