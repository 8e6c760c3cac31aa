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
import io.ecomlog.transport.FailedEvent;
import io.ecomlog.transport.FailureKind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
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
 * the fall-back chain: S3 backup, then the disk spool, then a counted drop.
 *
 * <p>Whenever the spool holds events and the breaker lets calls through, it replays them, oldest first, between live
 * batches: with live events waiting, the replay takes at most {@code replaySharePercent} of the calls and of the bytes
 * ({@link ReplayShare}), so live events keep the rest; without, it takes every call. When live batches find the channel
 * full (a burst faster than the destination), the excess goes to the spool instead of holding up the dispatcher.
 */
final class DeliveryChannel {

    /** An event on its way; {@code counted} is false for events replayed from the spool (flush does not wait on them). */
    private record InFlight(EncodedEvent event, int attempt, boolean counted) {
    }

    private record Retry(InFlight item, long dueNanos) {
    }

    private static final long IDLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Replay calls stay small, so live events never wait long behind one. */
    private static final long REPLAY_CHUNK_BYTES = 1024 * 1024;
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Destination destination;
    private final Destination backup;
    private final DiskSpool spool;
    private final ChannelSettings settings;
    private final CircuitBreaker breaker;
    private final ChannelCounters counters;
    private final ClientCounters clientCounters;
    private final Function<byte[], EncodedEvent> lineDecoder;
    private final DeliveryListener listener;

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
    private volatile long lastWarnNanos = System.nanoTime() - WARN_INTERVAL_NANOS; // channel and close() threads
    private final Thread thread;

    private final SpoolCursor cursor;
    private final ArrayList<InFlight> overflow = new ArrayList<>();
    private final ReplayShare share;
    private int replayFailures;
    private long replayPausedUntilNanos = System.nanoTime();
    /** A pause taken while the destination was failing ends early once a live batch goes through again. */
    private boolean replayPausedForOutage;

    DeliveryChannel(Destination destination, Destination backup, DiskSpool spool, ChannelSettings settings,
                    ClientCounters clientCounters, Function<byte[], EncodedEvent> lineDecoder,
                    DeliveryListener listener) {
        this.destination = destination;
        this.backup = backup;
        this.spool = spool;
        this.settings = settings;
        this.breaker = settings.breaker().create(destination.name());
        this.clientCounters = clientCounters;
        this.counters = clientCounters.channel(destination.name());
        this.lineDecoder = lineDecoder;
        this.listener = listener;
        counters.gauges(this::pendingEvents, () -> spool == null ? 0 : spool.sizeBytes(),
                () -> breaker.getState().name());
        this.cursor = spool == null ? null : new SpoolCursor(spool, lineDecoder, clientCounters, this::warn);
        this.share = new ReplayShare(settings.replaySharePercent());
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
                overflow.add(new InFlight(event, 0, true));
                entered.incrementAndGet();
                return;
            }
            while (pendingBytes >= settings.maxPendingBytes() && !stopRequested) {
                changed.await(100, TimeUnit.MILLISECONDS);
            }
            if (pending.isEmpty()) {
                firstPendingNanos = System.nanoTime();
            }
            pending.add(new InFlight(event, 0, true));
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
        spoolOrDrop(spill);
    }

    /** Writes events that never entered the queue (a burst's overflow) straight to the spool. */
    void spill(List<EncodedEvent> events) {
        entered.addAndGet(events.size());
        var items = new ArrayList<InFlight>(events.size());
        events.forEach(e -> items.add(new InFlight(e, 0, true)));
        spoolOrDrop(items);
    }

    /** Whether the spool still holds events and the destination looks able to take them. */
    boolean draining() {
        return cursor != null && cursor.hasEvents() && breaker.getState() != CircuitBreaker.State.OPEN
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
                boolean replayReady = replayReady();
                // live events waiting: the replay goes first only while it is within its share
                if (replayReady && liveDue()) {
                    long allowance = share.replayAllowance();
                    if (allowance > 0 && replaySafely(Math.min(REPLAY_CHUNK_BYTES, allowance), true)) {
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
                        share.live(bytes(batch));
                        counters.sharedLive(bytes(batch));
                    }
                } else if (replayReady) {
                    share.liveIdle();
                    replaySafely(REPLAY_CHUNK_BYTES, false);
                }
            }
        } finally {
            if (cursor != null) {
                cursor.close();
            }
        }
    }

    private void sendSafely(List<InFlight> batch) {
        try {
            send(batch);
        } catch (RuntimeException e) {
            // a bug of ours must not kill the thread and strand the queue: fall back with what we hold
            warn("unexpected failure while sending to " + destination.name(), e);
            fallBack(batch, FallbackReason.NOT_RETRYABLE);
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
                    var batch = new ArrayList<InFlight>();
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
            fallBack(oversize, FallbackReason.OVERSIZE);
        }
        if (sendable.isEmpty()) {
            return;
        }
        if (!breaker.tryAcquirePermission()) {
            fallBack(sendable, FallbackReason.CIRCUIT_OPEN);
            return;
        }
        var report = attempt(sendable);
        if (report.delivered() > 0 && replayPausedForOutage) {
            replayPausedForOutage = false;
            replayPausedUntilNanos = System.nanoTime(); // the destination is back: replay now, not after the backoff
        }
        if (abandoned) {
            return; // close() gave up waiting and already secured this batch
        }
        var failures = failuresByEvent(report);
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
            warnRateLimited(destination.name() + " did not take " + report.failed().size() + " of " + sendable.size()
                    + " events (" + first.kind() + ": " + first.detail() + "); retrying " + retryable.size()
                    + ", falling back " + (expired.size() + rejected.size()), report.callFailure());
        }
        if (!expired.isEmpty()) {
            fallBack(expired, FallbackReason.TTL_EXPIRED);
        }
        if (!rejected.isEmpty()) {
            fallBack(rejected, FallbackReason.NOT_RETRYABLE);
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

    private static long bytes(List<InFlight> items) {
        long bytes = 0;
        for (var item : items) {
            bytes += item.event().size();
        }
        return bytes;
    }

    private static IdentityHashMap<EncodedEvent, FailedEvent> failuresByEvent(DeliveryReport report) {
        var map = new IdentityHashMap<EncodedEvent, FailedEvent>();
        for (var f : report.failed()) {
            map.put(f.event(), f);
        }
        return map;
    }

    // ---------------------------------------------------------------- the fall-back chain

    /** Backup first, then the spool, then a counted drop. */
    private void fallBack(List<InFlight> items, FallbackReason reason) {
        var remaining = toBackup(items, reason);
        if (remaining.isEmpty()) {
            return;
        }
        if (reason == FallbackReason.OVERSIZE) {
            // replaying from the spool cannot make an event smaller: without a backup, it is a counted drop
            drop(remaining, DropReason.OVERSIZE, "event larger than " + destination.maxEventBytes()
                    + " bytes and no S3 backup to take it");
            return;
        }
        spoolOrDrop(remaining);
    }

    /** Writes the items to the backup, if there is one; returns those it did not take. */
    private List<InFlight> toBackup(List<InFlight> items, FallbackReason reason) {
        if (backup == null) {
            return items;
        }
        var events = items.stream().map(InFlight::event).toList();
        DeliveryReport report;
        try {
            report = backup.deliver(events);
        } catch (RuntimeException e) {
            report = DeliveryReport.allFailed(events, FailureKind.SERVER_ERROR, e);
        }
        counters.backedUp(reason, report.delivered());
        var failures = failuresByEvent(report);
        var remaining = new ArrayList<InFlight>();
        for (var item : items) {
            if (failures.containsKey(item.event())) {
                remaining.add(item);
            } else {
                settle(item);
            }
        }
        if (!remaining.isEmpty()) {
            warnRateLimited("backup " + backup.name() + " failed for " + remaining.size() + " events",
                    report.callFailure());
        }
        return remaining;
    }

    private void spoolOrDrop(List<InFlight> items) {
        if (spool == null) {
            drop(items, DropReason.UNDELIVERABLE, "no spool configured");
            return;
        }
        try {
            if (spool.append(items.stream().map(InFlight::event).toList())) {
                counters.spooled(items.size());
                items.forEach(this::settle);
                return;
            }
            drop(items, DropReason.UNDELIVERABLE, "spool " + spool.dir() + " is at its bound of "
                    + spool.maxBytes() + " bytes");
        } catch (IOException e) {
            warn("spool " + spool.dir() + " failed", e);
            drop(items, DropReason.UNDELIVERABLE, "spool write failed: " + e);
        }
    }

    private void drop(List<InFlight> items, DropReason reason, String why) {
        if (items.isEmpty()) {
            return;
        }
        clientCounters.dropped(reason, items.size());
        items.forEach(this::settle);
        warnRateLimited("dropped " + items.size() + " events for " + destination.name() + ": " + why, null);
    }

    private void settle(InFlight item) {
        if (item.counted()) {
            settled.incrementAndGet();
        }
    }

    // ---------------------------------------------------------------- spool replay

    private boolean replayReady() {
        return cursor != null && !stopRequested && cursor.hasEvents() && System.nanoTime() >= replayPausedUntilNanos;
    }

    /**
     * One replay call: the oldest spooled events, up to {@code maxBytes} (live events waiting, {@code shared}: a single
     * event larger than that waits for a later turn). What the destination took leaves the spool; what it refused for
     * now stays at the front for the next turn (after a backoff); what it can never take goes down the fall-back chain.
     */
    private boolean replayStep(long maxBytes, boolean shared) {
        if (!breaker.tryAcquirePermission()) {
            pauseReplay(IDLE_CHECK_NANOS); // the breaker is open: look again later
            return false;
        }
        List<EncodedEvent> chunk;
        try {
            chunk = cursor.peek(Math.min(maxBytes, settings.batchBytes()));
        } catch (IOException | RuntimeException e) {
            breaker.releasePermission();
            warnRateLimited("cannot read spool " + spool.dir(), e);
            pauseReplay(TimeUnit.SECONDS.toNanos(1));
            return false;
        }
        long chunkBytes = 0;
        for (var event : chunk) {
            chunkBytes += event.size();
        }
        if (chunk.isEmpty() || shared && chunkBytes > maxBytes) {
            breaker.releasePermission();
            return false;
        }
        var handedOn = new ArrayList<EncodedEvent>(chunk.size());
        var sendable = new ArrayList<InFlight>(chunk.size());
        var oversize = new ArrayList<InFlight>();
        for (var event : chunk) {
            (event.size() > destination.maxEventBytes() ? oversize : sendable).add(new InFlight(event, 0, false));
        }
        if (!oversize.isEmpty()) {
            fallBack(oversize, FallbackReason.OVERSIZE);
            oversize.forEach(i -> handedOn.add(i.event()));
        }
        boolean refused = false;
        if (sendable.isEmpty()) {
            breaker.releasePermission();
        } else {
            var report = attempt(sendable);
            counters.replayed(report.delivered());
            if (shared) {
                share.replay(bytes(sendable));
                counters.sharedReplay(bytes(sendable));
            }
            var failures = failuresByEvent(report);
            var rejected = new ArrayList<InFlight>();
            for (var item : sendable) {
                var failure = failures.get(item.event());
                if (failure == null) {
                    handedOn.add(item.event());
                } else if (!failure.kind().retryable()) {
                    rejected.add(item);
                    handedOn.add(item.event());
                } else {
                    refused = true;
                }
            }
            if (!rejected.isEmpty()) {
                // back into the spool they would come round again and again: the backup, else a counted drop
                drop(toBackup(rejected, FallbackReason.NOT_RETRYABLE), DropReason.UNDELIVERABLE,
                        "the destination refused replayed events as not retryable and no backup took them");
            }
        }
        try {
            cursor.handedOn(handedOn);
        } catch (IOException e) {
            warnRateLimited("cannot record the replay's progress in spool " + spool.dir(), e);
        }
        if (refused) {
            replayFailures++;
            pauseReplay(settings.backoff().delayNanos(replayFailures)); // throttled or failing: give it room
        } else {
            replayFailures = 0;
        }
        return true;
    }

    /** One replay step; whether it moved the spool on (false: nothing was sent, the live batch may go). */
    private boolean replaySafely(long maxBytes, boolean shared) {
        try {
            return replayStep(maxBytes, shared);
        } catch (RuntimeException e) {
            // a bug of ours must not kill the thread; the events stay on disk for the next turn
            warn("unexpected failure while replaying the spool of " + destination.name(), e);
            pauseReplay(TimeUnit.SECONDS.toNanos(1));
            return false;
        }
    }

    private void pauseReplay(long nanos) {
        replayPausedUntilNanos = System.nanoTime() + nanos;
        replayPausedForOutage = breaker.getState() != CircuitBreaker.State.CLOSED;
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
            spoolOrDrop(leftovers);
            closeSpool();
            return;
        }
        if (leftovers.isEmpty()) {
            return;
        }
        if (backup != null && System.nanoTime() < deadlineNanos) {
            fallBack(leftovers, FallbackReason.SHUTDOWN);
            return;
        }
        drop(leftovers, DropReason.SHUTDOWN, "close timed out with events undelivered and no spool configured");
    }

    private void closeSpool() {
        if (thread.isAlive()) {
            return; // stuck in a call: the cursor's segment stays as it is on disk, the replay repeats it
        }
        try {
            spool.close();
        } catch (IOException e) {
            warn("cannot seal spool " + spool.dir() + "; the next start salvages it", e);
        }
    }

    void closeDestination() {
        destination.close();
    }

    // ---------------------------------------------------------------- reporting

    private void warnRateLimited(String message, Throwable cause) {
        long now = System.nanoTime();
        if (now - lastWarnNanos >= WARN_INTERVAL_NANOS) {
            lastWarnNanos = now;
            warn(message, cause);
        }
    }

    private void warn(String message, Throwable cause) {
        try {
            listener.warn(message, cause);
        } catch (RuntimeException ignored) {
            // a listener must not break delivery
        }
    }
}
