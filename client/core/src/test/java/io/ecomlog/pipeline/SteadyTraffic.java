package io.ecomlog.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Submits {@link TestLines} to a client at a steady rate from a thread of its own, as a busy shop would. */
final class SteadyTraffic implements AutoCloseable {

    private final EcomlogClient client;
    private final long intervalNanos;
    private final AtomicInteger submitted = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stop;

    SteadyTraffic(EcomlogClient client, int eventsPerSecond) {
        this.client = client;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / eventsPerSecond;
        this.thread = new Thread(this::run, "steady-traffic");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Events submitted so far, with ids {@code TestLines.id(0)} up to this count (exclusive). */
    int submitted() {
        return submitted.get();
    }

    private void run() {
        long next = System.nanoTime();
        while (!stop) {
            int i = submitted.get();
            if (!client.submitJson(TestLines.line(i))) {
                throw new AssertionError("event " + i + " was not taken");
            }
            submitted.incrementAndGet();
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Stops submitting and returns how many events were submitted. */
    @Override
    public void close() {
        stop = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
