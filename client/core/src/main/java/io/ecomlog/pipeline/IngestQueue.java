package io.ecomlog.pipeline;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue between the callers' threads and the dispatcher, bounded both by count and by (estimated) bytes. The
 * JDK's bounded queues count elements only, and none evicts the oldest on overflow, hence this small class.
 *
 * <p>A caller does not wake the dispatcher for every event: waking a parked thread costs microseconds, far more than
 * the rest of {@code track}. The dispatcher polls every few milliseconds instead, and is woken only when a batch's
 * worth of events is waiting (or by flush and close).
 */
final class IngestQueue {

    /** A queued item: an event, or a line a foreign encoder produced, with its size estimate. */
    record Item(Object payload, int bytes, long acceptedAtNanos) {
    }

    /** {@link #offer}'s answer when the item was not taken. */
    static final int REJECTED = -1;

    private final int maxEvents;
    private final long maxBytes;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private long bytes;

    /** Events waiting that make it worth waking the dispatcher at once rather than at its next poll. */
    static final int WAKE_AT = 512;

    IngestQueue(int maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /**
     * Queues the item under the overflow policy. Returns {@link #REJECTED}, or how many older items were evicted to
     * make room (0 unless drop-oldest).
     */
    int offer(Item item, OverflowPolicy policy, long blockNanos) throws InterruptedException {
        lock.lock();
        try {
            if (fits(item)) {
                add(item);
                return 0;
            }
            switch (policy) {
                case DROP_NEWEST -> {
                    return REJECTED;
                }
                case DROP_OLDEST -> {
                    if (item.bytes() > maxBytes) {
                        return REJECTED; // larger than the whole byte bound: evicting cannot help
                    }
                    int evicted = 0;
                    while (!fits(item)) {
                        bytes -= items.poll().bytes();
                        evicted++;
                    }
                    add(item);
                    return evicted;
                }
                case BLOCK -> {
                    long remaining = blockNanos;
                    while (!fits(item)) {
                        if (remaining <= 0 || items.isEmpty()) {
                            return REJECTED;
                        }
                        remaining = notFull.awaitNanos(remaining);
                    }
                    add(item);
                    return 0;
                }
                default -> throw new IllegalStateException("unknown policy " + policy);
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean fits(Item item) {
        return items.size() < maxEvents && bytes + item.bytes() <= maxBytes;
    }

    private void add(Item item) {
        items.add(item);
        bytes += item.bytes();
        if (items.size() == WAKE_AT || items.size() == maxEvents) {
            notEmpty.signal();
        }
    }

    /** Moves up to {@code max} items into {@code out}, waiting up to {@code waitNanos} for the first. */
    int drainTo(List<Item> out, int max, long waitNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = waitNanos;
            while (items.isEmpty()) {
                if (remaining <= 0) {
                    return 0;
                }
                remaining = notEmpty.awaitNanos(remaining);
            }
            int n = 0;
            while (n < max && !items.isEmpty()) {
                var item = items.poll();
                bytes -= item.bytes();
                out.add(item);
                n++;
            }
            notFull.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a dispatcher waiting in {@link #drainTo} (used at close). */
    void wakeUp() {
        lock.lock();
        try {
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

}
