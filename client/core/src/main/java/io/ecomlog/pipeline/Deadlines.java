package io.ecomlog.pipeline;

import java.util.concurrent.TimeUnit;

/** Waiting for the client's threads by a deadline ({@link System#nanoTime()}), as close() must. */
final class Deadlines {

    private Deadlines() {
    }

    /** Waits for the thread to end, but not past the deadline; an interrupt ends the wait and is kept. */
    static void join(Thread thread, long deadlineNanos) {
        long wait = deadlineNanos - System.nanoTime();
        try {
            if (wait > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
