package io.ecomlog.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * Paces a JMH benchmark thread (one call every {@code paceNanos}, from an invocation-level setup that SampleTime
 * leaves out of its timings) and measures the calling thread's own allocation, which JMH's {@code -prof gc} cannot
 * tell apart from the background threads'. Unpaced, a benchmark thread offers millions of calls per second and the
 * figures would be those of a full queue's rejection or blocking path.
 */
final class PacedCaller {

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long paceNanos;
    private long calls;
    private long nextDue;
    private long allocatedAtStart;
    private long callsAtStart;
    private long iterationStart;
    private long allocatedTotal;
    private long callsTotal;
    private long nanosTotal;

    PacedCaller(long paceNanos) {
        this.paceNanos = paceNanos;
    }

    /** Calls so far (also a handy distinct number per call). */
    long calls() {
        return calls;
    }

    void iterationStart() {
        allocatedAtStart = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        callsAtStart = calls;
        nextDue = System.nanoTime();
        iterationStart = nextDue;
    }

    /** Waits for the next call's turn. */
    void pace() {
        calls++;
        if (paceNanos > 0) {
            nextDue += paceNanos;
            long now;
            while ((now = System.nanoTime()) < nextDue) {
                Thread.onSpinWait();
            }
            if (now - nextDue > 1_000_000) {
                nextDue = now; // fell behind by more than 1 ms (GC, descheduled): do not burst to catch up
            }
        }
    }

    void iterationEnd() {
        allocatedTotal += threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedAtStart;
        callsTotal += calls - callsAtStart;
        nanosTotal += System.nanoTime() - iterationStart;
    }

    /** e.g. {@code 1017406 calls in 16.1 s (warm-up included) = 63,381 calls/s offered; caller thread allocated …}. */
    String summary() {
        return String.format("%d calls in %.1f s (warm-up included) = %,.0f calls/s offered; caller thread allocated"
                        + " %.1f B/call (the pacing spin allocates nothing)", callsTotal, nanosTotal / 1e9,
                callsTotal / (nanosTotal / 1e9), callsTotal == 0 ? 0.0 : (double) allocatedTotal / callsTotal);
    }
}
