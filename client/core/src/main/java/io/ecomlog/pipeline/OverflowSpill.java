package io.ecomlog.pipeline;

import io.ecomlog.metrics.ClientCounters;
import io.ecomlog.metrics.DropReason;
import io.ecomlog.record.EncodedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Where events go that find the ingest queue full while there is a spool: instead of a drop, the caller encodes the
 * event itself (it pays microseconds of CPU, it never waits), and a thread of this class writes them to every
 * channel's spool in batches of about {@value #BATCH_BYTES} bytes, to be replayed like any spooled event. A drop is
 * left for when that thread falls {@value #MAX_BATCHES} batches behind (a disk slower than the burst) or the spool
 * is full.
 */
final class OverflowSpill {

    static final int BATCH_BYTES = 512 * 1024;
    static final int MAX_BATCHES = 32;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Dispatcher dispatcher;
    private final List<DeliveryChannel> channels;
    private final ClientCounters counters;
    private final BlockingQueue<List<EncodedEvent>> full = new ArrayBlockingQueue<>(MAX_BATCHES);
    private final Thread thread;
    private List<EncodedEvent> batch = new ArrayList<>();
    private long batchBytes;
    private volatile boolean stopRequested;

    OverflowSpill(Dispatcher dispatcher, List<DeliveryChannel> channels, ClientCounters counters) {
        this.dispatcher = dispatcher;
        this.channels = channels;
        this.counters = counters;
        this.thread = new Thread(this::run, "ecomlog-spill");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Takes an item the queue refused. Returns false (the caller counts a drop) only when the writer is too far
     * behind. An item that cannot be encoded is counted by the encoder and taken.
     */
    boolean offer(IngestQueue.Item item) {
        EncodedEvent event = dispatcher.encode(item);
        List<EncodedEvent> ready = null;
        synchronized (this) {
            if (full.remainingCapacity() == 0) {
                return false;
            }
            if (event != null) {
                batch.add(event);
                batchBytes += event.size();
            }
            if (batchBytes >= BATCH_BYTES) {
                ready = takeBatch();
            }
        }
        if (ready != null && !full.offer(ready)) {
            // another caller took the last place first: this batch, taken already, is a counted drop
            counters.dropped(DropReason.QUEUE_FULL, ready.size());
            dispatcher.countEvicted(ready.size());
            return true;
        }
        dispatcher.countEvicted(event == null ? 1 : 0); // a malformed item is settled at once
        return true;
    }

    private List<EncodedEvent> takeBatch() {
        var taken = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
        return taken;
    }

    private void run() {
        while (!stopRequested || !full.isEmpty()) {
            List<EncodedEvent> next;
            try {
                next = full.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) {
                synchronized (this) {
                    next = takeBatch(); // a burst's tail: do not keep it in memory
                }
            }
            write(next);
        }
    }

    private void write(List<EncodedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        for (var channel : channels) {
            channel.spill(events);
        }
        dispatcher.countEvicted(events.size()); // handed on: flush and close count them as processed
    }

    /** Writes what it holds and stops, waiting for that until the deadline. */
    void stop(long deadlineNanos) {
        stopRequested = true;
        Deadlines.join(thread, deadlineNanos);
        List<EncodedEvent> rest;
        synchronized (this) {
            rest = takeBatch();
        }
        if (!thread.isAlive()) {
            write(rest);
        } else if (!rest.isEmpty()) {
            counters.dropped(DropReason.SHUTDOWN, rest.size()); // the writer is stuck on the disk
        }
    }
}
