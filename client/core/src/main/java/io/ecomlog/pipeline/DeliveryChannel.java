package io.ecomlog.pipeline;

import io.ecomlog.metrics.ChannelCounters;
import io.ecomlog.metrics.ClientCounters;
import io.ecomlog.metrics.DeliveryListener;
import io.ecomlog.metrics.DropReason;
import io.ecomlog.metrics.FallbackReason;
import io.ecomlog.record.EncodedEvent;
import io.ecomlog.spool.DiskSpool;
import io.ecomlog.transport.DeliveryReport;
import io.ecomlog.transport.Destination;
import io.ecomlog.transport.FailureKind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One destination's sending loop, on its own thread: it gathers events into batches (by size or linger time),
 * delivers them, retries only the failed events with jittered backoff within the record TTL, and hands the rest down
 * the {@link FallbackChain}: S3 backup, then the disk spool, then a counted drop.
 *
 * <p>Whenever the spool holds events and the breaker lets calls through, its {@link SpoolReplay} sends them, oldest
 * first, between live batches: with live events waiting, the replay takes at most {@code replaySharePercent} of the
 * calls and of the bytes ({@link ReplayShare}), so live events keep the rest; without, it takes every call. When live
 * batches find the channel full (a burst faster than the destination), the excess goes to the spool instead of
 * holding up the dispatcher.
 *
 * <p>Threads: the pending queue, the retries and the overflow are guarded by {@code lock}; the replay and the chain
 * are used by the channel's thread, and by close() only once that thread has stopped or was given up on.
 */
final class DeliveryChannel {

    private record Retry(InFlight item, long dueNanos) {
    }

    private static final long IDLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Destination destination;
    private final DiskSpool spool;
    private final ChannelSettings settings;
    private final CircuitBreaker breaker;
    private final ChannelCounters counters;
    private final ChannelWarnings warnings;
    private final FallbackChain fallback;
    /** Null without a spool. */
    private final SpoolReplay replay;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<InFlight> pending = new ArrayDeque<>();
    private final PriorityQueue<Retry> retries = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    private long pendingBytes;
    private long firstPendingNanos;
    private boolean flushRequested;
    private boolean stopRequested;

    private final AtomicLong entered = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private volatile List<InFlight> inDelivery = List.of();
    private volatile boolean abandoned;
    private final Thread thread;

    private final ArrayList<InFlight> overflow = new ArrayList<>();

    DeliveryChannel(Destination destination, Destination backup, DiskSpool spool, ChannelSettings settings,
                    ClientCounters clientCounters, Function<byte[], EncodedEvent> lineDecoder,
                    DeliveryListener listener) {
        this.destination = destination;
        this.spool = spool;
        this.settings = settings;
        this.breaker = settings.breaker().create(destination.name());
        this.counters = clientCounters.channel(destination.name());
        this.warnings = new ChannelWarnings(listener);
        this.fallback = new FallbackChain(destination, backup, spool, counters, clientCounters, warnings,
                this::settle);
        counters.gauges(this::pendingEvents, () -> spool == null ? 0 : spool.sizeBytes(),
                () -> breaker.getState().name());
        this.replay = spool == null ? null : new SpoolReplay(destination, spool,
                new SpoolCursor(spool, lineDecoder, clientCounters, warnings::warn), breaker, settings, counters,
                fallback, warnings, this::attempt);
        this.thread = new Thread(this::run, "ecomlog-send-" + destination.name());
        this.thread.setDaemon(true); // close() and the shutdown hook flush; a daemon never holds the JVM open
    }

    void start() {
        thread.start();
    }

    String name() {
        return destination.name();
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /**
     * Hands an event to this channel. While the channel holds its maximum of bytes, the event is set aside for the
     * spool ({@link #spillOverflow}) when there is one; without a spool the dispatcher waits for room.
     */
    void enqueue(EncodedEvent event) throws InterruptedException {
        lock.lock();
        try {
            if (spool != null && pendingBytes >= settings.maxPendingBytes() && !stopRequested) {
                overflow.add(InFlight.live(event));
                entered.incrementAndGet();
                return;
            }
            while (pendingBytes >= settings.maxPendingBytes() && !stopRequested) {
                changed.await(100, TimeUnit.MILLISECONDS);
            }
            if (pending.isEmpty()) {
                firstPendingNanos = System.nanoTime();
            }
            pending.add(InFlight.live(event));
            pendingBytes += event.size();
            entered.incrementAndGet();
            if (pendingBytes >= settings.batchBytes() || pending.size() == 1) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes the events set aside while the channel was full to the spool, in one append (called by the dispatcher). */
    void spillOverflow() {
        List<InFlight> spill;
        lock.lock();
        try {
            if (overflow.isEmpty()) {
                return;
            }
            spill = new ArrayList<>(overflow);
            overflow.clear();
        } finally {
            lock.unlock();
        }
        fallback.spoolOrDrop(spill);
    }

    /** Writes events that never entered the queue (a burst's overflow) straight to the spool. */
    void spill(List<EncodedEvent> events) {
        entered.addAndGet(events.size());
        var items = new ArrayList<InFlight>(events.size());
        events.forEach(e -> items.add(InFlight.live(e)));
        fallback.spoolOrDrop(items);
    }

    /** Whether the spool still holds events and the destination looks able to take them. */
    boolean draining() {
        return replay != null && replay.hasEvents() && breaker.getState() != CircuitBreaker.State.OPEN
                && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    long entered() {
        return entered.get();
    }

    long settled() {
        return settled.get();
    }

    /** Sends what is pending now instead of waiting for the linger time. */
    void requestFlush() {
        lock.lock();
        try {
            flushRequested = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private long pendingEvents() {
        lock.lock();
        try {
            return pending.size() + retries.size();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- the sending loop

    private void run() {
        try {
            while (true) {
                boolean replayReady = replay != null && !stopRequested && replay.ready();
                // live events waiting: the replay goes first only while it is within its share
                if (replayReady && liveDue()) {
                    long allowance = replay.allowance();
                    if (allowance > 0 && replay.step(allowance, true)) {
                        continue;
                    }
                }
                List<InFlight> batch;
                try {
                    batch = nextBatch(replayReady);
                } catch (InterruptedException e) {
                    return;
                }
                if (batch == null) {
                    return;
                }
                if (!batch.isEmpty()) {
                    sendSafely(batch);
                    if (replayReady) {
                        replay.liveSent(InFlight.bytes(batch));
                    }
                } else if (replayReady) {
                    replay.liveIdle();
                    replay.step(SpoolReplay.CHUNK_BYTES, false);
                }
            }
        } finally {
            if (replay != null) {
                replay.close();
            }
        }
    }

    private void sendSafely(List<InFlight> batch) {
        try {
            send(batch);
        } catch (RuntimeException e) {
            // a bug of ours must not kill the thread and strand the queue: fall back with what we hold
            warnings.warn("unexpected failure while sending to " + destination.name(), e);
            fallback.fallBack(batch, FallbackReason.NOT_RETRYABLE);
        }
    }

    /**
     * The next live batch to send; empty when there is none yet and {@code replayReady} (or when idle for a while);
     * null when stopping.
     */
    private List<InFlight> nextBatch(boolean replayReady) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stopRequested) {
                    return null;
                }
                long now = System.nanoTime();
                if (liveDue(now)) {
                    var batch = new ArrayList<InFlight>(pending.size() + retries.size());
                    long bytes = 0;
                    while (!retries.isEmpty() && retries.peek().dueNanos() <= now) {
                        var item = retries.poll().item();
                        batch.add(item);
                        bytes += item.event().size();
                    }
                    while (!pending.isEmpty() && bytes < settings.batchBytes()) {
                        var item = pending.poll();
                        pendingBytes -= item.event().size();
                        bytes += item.event().size();
                        batch.add(item);
                    }
                    firstPendingNanos = now;
                    if (pending.isEmpty()) {
                        flushRequested = false;
                    }
                    changed.signalAll(); // room for a waiting enqueue
                    return batch;
                }
                if (replayReady) {
                    return List.of(); // no live batch due: the spool's turn
                }
                if (pending.isEmpty() && retries.isEmpty()) {
                    flushRequested = false;
                    if (!changed.await(IDLE_CHECK_NANOS, TimeUnit.NANOSECONDS)) {
                        return List.of();
                    }
                    continue;
                }
                long wait = IDLE_CHECK_NANOS;
                if (!pending.isEmpty()) {
                    wait = Math.min(wait, settings.lingerNanos() - (now - firstPendingNanos));
                }
                if (!retries.isEmpty()) {
                    wait = Math.min(wait, retries.peek().dueNanos() - now);
                }
                changed.awaitNanos(Math.max(wait, 1));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether a live batch is due now: retries whose time has come, a full batch, the linger over, or a flush. */
    private boolean liveDue() {
        lock.lock();
        try {
            return liveDue(System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    private boolean liveDue(long now) {
        boolean retryDue = !retries.isEmpty() && retries.peek().dueNanos() <= now;
        boolean lingerOver = !pending.isEmpty() && now - firstPendingNanos >= settings.lingerNanos();
        return retryDue || lingerOver || pendingBytes >= settings.batchBytes() || flushRequested && !pending.isEmpty();
    }

    private void send(List<InFlight> batch) {
        var sendable = new ArrayList<InFlight>(batch.size());
        var oversize = new ArrayList<InFlight>();
        for (var item : batch) {
            (item.event().size() > destination.maxEventBytes() ? oversize : sendable).add(item);
        }
        if (!oversize.isEmpty()) {
            fallback.fallBack(oversize, FallbackReason.OVERSIZE);
        }
        if (sendable.isEmpty()) {
            return;
        }
        if (!breaker.tryAcquirePermission()) {
            fallback.fallBack(sendable, FallbackReason.CIRCUIT_OPEN);
            return;
        }
        var report = attempt(sendable);
        if (report.delivered() > 0 && replay != null) {
            replay.destinationBack();
        }
        if (abandoned) {
            return; // close() gave up waiting and already secured this batch
        }
        if (report.fullySucceeded()) {
            sendable.forEach(this::settle); // the common case, without a lookup per event
            return;
        }
        var failures = report.failuresByEvent();
        var retryable = new ArrayList<InFlight>();
        var expired = new ArrayList<InFlight>();
        var rejected = new ArrayList<InFlight>();
        int throttled = 0;
        long now = System.nanoTime();
        for (var item : sendable) {
            var failure = failures.get(item.event());
            if (failure == null) {
                settle(item);
                continue;
            }
            if (!failure.kind().retryable()) {
                rejected.add(item);
                continue;
            }
            int attempt = item.attempt() + 1;
            long due = now + settings.backoff().delayNanos(attempt);
            if (due - item.event().acceptedAtNanos() > settings.recordTtlNanos()) {
                expired.add(item);
            } else {
                retryable.add(new InFlight(item.event(), attempt, item.counted()));
                if (failure.kind() == FailureKind.THROTTLED) {
                    throttled++;
                }
                lock.lock();
                try {
                    retries.add(new Retry(retryable.get(retryable.size() - 1), due));
                } finally {
                    lock.unlock();
                }
            }
        }
        counters.retried(retryable.size(), throttled);
        if (!report.failed().isEmpty() && (report.callFailure() != null || !rejected.isEmpty())) {
            var first = report.failed().get(0);
            warnings.rateLimited(destination.name() + " did not take " + report.failed().size() + " of " + sendable.size()
                    + " events (" + first.kind() + ": " + first.detail() + "); retrying " + retryable.size()
                    + ", falling back " + (expired.size() + rejected.size()), report.callFailure());
        }
        if (!expired.isEmpty()) {
            fallback.fallBack(expired, FallbackReason.TTL_EXPIRED);
        }
        if (!rejected.isEmpty()) {
            fallback.fallBack(rejected, FallbackReason.NOT_RETRYABLE);
        }
    }

    /**
     * One delivery attempt, with the breaker and counters told what happened. Live items are exposed to close()
     * while the call runs; replayed ones are still on disk and need no rescue.
     */
    private DeliveryReport attempt(List<InFlight> items) {
        var events = items.stream().map(InFlight::event).toList();
        inDelivery = items.stream().filter(InFlight::counted).toList();
        long start = System.nanoTime();
        DeliveryReport report;
        try {
            report = destination.deliver(events);
        } catch (RuntimeException e) {
            report = DeliveryReport.allFailed(events, FailureKind.SERVER_ERROR, e);
        } finally {
            inDelivery = List.of();
        }
        long took = System.nanoTime() - start;
        if (report.callFailure() != null && report.delivered() == 0) {
            breaker.onError(took, TimeUnit.NANOSECONDS, report.callFailure());
        } else {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        }
        counters.calls(report.calls(), report.callFailure() != null);
        counters.sent(report.delivered(), report.records(), report.bytes());
        return report;
    }

    private void settle(InFlight item) {
        if (item.counted()) {
            settled.incrementAndGet();
        }
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Stops the loop and secures whatever it still holds: waits for the thread until the deadline, then writes what is
     * left (pending, waiting for a retry, or inside a call that has not returned) to the spool, or the backup when
     * there is no spool, or counts it dropped. Never waits past the deadline for the destination.
     */
    void shutdown(long deadlineNanos) {
        lock.lock();
        try {
            stopRequested = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        Deadlines.join(thread, deadlineNanos);
        var leftovers = new ArrayList<InFlight>();
        if (thread.isAlive()) {
            abandoned = true; // the thread is stuck in a call: secure its batch too (a duplicate beats a loss)
            leftovers.addAll(inDelivery);
        }
        lock.lock();
        try {
            leftovers.addAll(pending);
            pending.clear();
            pendingBytes = 0;
            retries.forEach(r -> leftovers.add(r.item()));
            retries.clear();
            leftovers.addAll(overflow);
            overflow.clear();
        } finally {
            lock.unlock();
        }
        if (spool != null) {
            fallback.spoolOrDrop(leftovers);
            closeSpool();
            return;
        }
        if (leftovers.isEmpty()) {
            return;
        }
        if (fallback.hasBackup() && System.nanoTime() < deadlineNanos) {
            fallback.fallBack(leftovers, FallbackReason.SHUTDOWN);
            return;
        }
        fallback.drop(leftovers, DropReason.SHUTDOWN, "close timed out with events undelivered and no spool configured");
    }

    private void closeSpool() {
        if (thread.isAlive()) {
            return; // stuck in a call: the cursor's segment stays as it is on disk, the replay repeats it
        }
        try {
            spool.close();
        } catch (IOException e) {
            warnings.warn("cannot seal spool " + spool.dir() + "; the next start salvages it", e);
        }
    }

    void closeDestination() {
        destination.close();
    }
}
