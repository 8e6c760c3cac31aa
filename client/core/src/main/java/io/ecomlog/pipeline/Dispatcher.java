package io.ecomlog.pipeline;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.metrics.ClientCounters;
import io.ecomlog.metrics.DeliveryListener;
import io.ecomlog.metrics.DropReason;
import io.ecomlog.record.EncodedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The one thread between the callers and the destination channels: takes items off the ingest queue, encodes them,
 * and hands each encoded event to every channel.
 */
final class Dispatcher {

    private static final int DRAIN_MAX = 512;
    /** How long the dispatcher waits for events before it looks again: callers do not wake it for every event. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final IngestQueue queue;
    /** Thread-safe, for {@link #encode} on any thread. */
    private final EventEncoder encoder;
    /** The dispatcher thread's own, which reuses its generator and buffers. */
    private final EventEncoder ownEncoder;
    private final List<DeliveryChannel> channels;
    private final ClientCounters counters;
    private final DeliveryListener listener;
    private final AtomicLong processed = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopRequested;

    Dispatcher(IngestQueue queue, EventEncoder encoder, List<DeliveryChannel> channels, ClientCounters counters,
               DeliveryListener listener) {
        this.queue = queue;
        this.encoder = encoder;
        this.ownEncoder = encoder == null ? null : encoder.confined();
        this.channels = channels;
        this.counters = counters;
        this.listener = listener;
        this.thread = new Thread(this::run, "ecomlog-dispatch");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Items taken off the queue and handed on (or dropped), plus items evicted from it. */
    long processed() {
        return processed.get();
    }

    void countEvicted(int n) {
        processed.addAndGet(n);
    }

    /** Stops after handing on everything queued now; waits for that until the deadline. */
    void stop(long deadlineNanos) {
        stopRequested = true;
        queue.wakeUp();
        Deadlines.join(thread, deadlineNanos);
    }

    private void run() {
        var batch = new ArrayList<IngestQueue.Item>(DRAIN_MAX);
        try {
            while (true) {
                batch.clear();
                int n = queue.drainTo(batch, DRAIN_MAX, POLL_NANOS);
                if (n == 0 && stopRequested) {
                    return;
                }
                for (var item : batch) {
                    handOn(item);
                    processed.incrementAndGet();
                }
                channels.forEach(DeliveryChannel::spillOverflow); // one spool append per drained batch, not per event
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An event built here rather than by the caller; one that cannot be built is malformed input, not a bug. */
    private EncodedEvent encodeLater(Supplier<?> later, long acceptedAtNanos, EventEncoder encoder) {
        Object event;
        try {
            event = later.get();
        } catch (RuntimeException e) {
            listener.warn("an event could not be built and is dropped (counted as malformed): " + e.getMessage(), null);
            return null;
        }
        return event instanceof EcomEvent built ? encoder.encode(built, acceptedAtNanos) : null;
    }

    private void handOn(IngestQueue.Item item) throws InterruptedException {
        EncodedEvent encoded = encode(item, ownEncoder);
        if (encoded == null) {
            return;
        }
        for (var channel : channels) {
            channel.enqueue(encoded);
        }
    }

    /** The item encoded, or null when it cannot be (counted as an encoding error or malformed). Any thread. */
    EncodedEvent encode(IngestQueue.Item item) {
        return encode(item, encoder);
    }

    private EncodedEvent encode(IngestQueue.Item item, EventEncoder encoder) {
        EncodedEvent encoded;
        try {
            Object payload = item.payload();
            if (payload instanceof EcomEvent event) {
                encoded = encoder.encode(event, item.acceptedAtNanos());
            } else if (payload instanceof byte[] line) {
                encoded = encoder.encodeLine(line, item.acceptedAtNanos());
            } else {
                encoded = encodeLater((Supplier<?>) payload, item.acceptedAtNanos(), encoder);
            }
        } catch (RuntimeException e) {
            counters.dropped(DropReason.ENCODE_ERROR, 1);
            listener.warn("could not encode an event; it is dropped and counted", e);
            return null;
        }
        if (encoded == null) {
            counters.dropped(DropReason.MALFORMED, 1);
        }
        return encoded;
    }
}
