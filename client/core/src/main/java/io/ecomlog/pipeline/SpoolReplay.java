package io.ecomlog.pipeline;

import io.ecomlog.metrics.ChannelCounters;
import io.ecomlog.metrics.DropReason;
import io.ecomlog.metrics.FallbackReason;
import io.ecomlog.record.EncodedEvent;
import io.ecomlog.spool.DiskSpool;
import io.ecomlog.transport.DeliveryReport;
import io.ecomlog.transport.Destination;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A channel's replay of its disk spool: the oldest spooled events go out in calls of at most {@link #CHUNK_BYTES},
 * taking at most the {@link ReplayShare} of the calls while live events wait and every call otherwise; what the
 * destination took leaves the spool, what it refused for now stays at the front and the replay backs off, what it can
 * never take goes down the {@link FallbackChain}. Used by the channel's thread only.
 */
final class SpoolReplay {

    /** Replay calls stay small, so live events never wait long behind one. */
    static final long CHUNK_BYTES = 1024 * 1024;
    /** How soon an open breaker or an empty turn is looked at again. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Destination destination;
    private final DiskSpool spool;
    private final SpoolCursor cursor;
    private final ReplayShare share;
    private final CircuitBreaker breaker;
    private final ChannelSettings settings;
    private final ChannelCounters counters;
    private final FallbackChain fallback;
    private final ChannelWarnings warnings;
    private final Function<List<InFlight>, DeliveryReport> attempt;
    private int failures;
    private long pausedUntilNanos = System.nanoTime();
    /** A pause taken while the destination was failing ends early once a live batch goes through again. */
    private boolean pausedForOutage;

    /** @param attempt one delivery call with the breaker and counters told (the channel's) */
    SpoolReplay(Destination destination, DiskSpool spool, SpoolCursor cursor, CircuitBreaker breaker,
                ChannelSettings settings, ChannelCounters counters, FallbackChain fallback, ChannelWarnings warnings,
                Function<List<InFlight>, DeliveryReport> attempt) {
        this.destination = destination;
        this.spool = spool;
        this.cursor = cursor;
        this.share = new ReplayShare(settings.replaySharePercent());
        this.breaker = breaker;
        this.settings = settings;
        this.counters = counters;
        this.fallback = fallback;
        this.warnings = warnings;
        this.attempt = attempt;
    }

    boolean hasEvents() {
        return cursor.hasEvents();
    }

    /** Whether it is the replay's turn: events spooled and no backoff running. */
    boolean ready() {
        return cursor.hasEvents() && System.nanoTime() >= pausedUntilNanos;
    }

    /** How many bytes the replay may send now while live events wait (0: the live batch goes first). */
    long allowance() {
        return Math.min(CHUNK_BYTES, share.replayAllowance());
    }

    /** A live batch went out while the replay was waiting for its turn. */
    void liveSent(long bytes) {
        share.live(bytes);
        counters.sharedLive(bytes);
    }

    /** No live events wait: the replay may take the destination's calls. */
    void liveIdle() {
        share.liveIdle();
    }

    /** A live batch went through: if the replay paused for an outage, the destination is back, replay now. */
    void destinationBack() {
        if (pausedForOutage) {
            pausedForOutage = false;
            pausedUntilNanos = System.nanoTime();
        }
    }

    /**
     * One replay call, a bug of ours included: the events stay on disk for the next turn. Whether it moved the spool
     * on (false: nothing was sent, the live batch may go).
     */
    boolean step(long maxBytes, boolean shared) {
        try {
            return replay(maxBytes, shared);
        } catch (RuntimeException e) {
            warnings.warn("unexpected failure while replaying the spool of " + destination.name(), e);
            pause(TimeUnit.SECONDS.toNanos(1));
            return false;
        }
    }

    void close() {
        cursor.close();
    }

    /**
     * The oldest spooled events, up to {@code maxBytes} (live events waiting, {@code shared}: a single event larger
     * than that waits for a later turn).
     */
    private boolean replay(long maxBytes, boolean shared) {
        if (!breaker.tryAcquirePermission()) {
            pause(RECHECK_NANOS); // the breaker is open: look again later
            return false;
        }
        List<EncodedEvent> chunk;
        try {
            chunk = cursor.peek(Math.min(maxBytes, settings.batchBytes()));
        } catch (IOException | RuntimeException e) {
            breaker.releasePermission();
            warnings.rateLimited("cannot read spool " + spool.dir(), e);
            pause(TimeUnit.SECONDS.toNanos(1));
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
            (event.size() > destination.maxEventBytes() ? oversize : sendable).add(InFlight.replayed(event));
        }
        if (!oversize.isEmpty()) {
            fallback.fallBack(oversize, FallbackReason.OVERSIZE);
            oversize.forEach(i -> handedOn.add(i.event()));
        }
        boolean refused = false;
        if (sendable.isEmpty()) {
            breaker.releasePermission();
        } else {
            var report = attempt.apply(sendable);
            counters.replayed(report.delivered());
            if (shared) {
                share.replay(InFlight.bytes(sendable));
                counters.sharedReplay(InFlight.bytes(sendable));
            }
            var failed = report.failuresByEvent();
            var rejected = new ArrayList<InFlight>();
            for (var item : sendable) {
                var failure = failed.get(item.event());
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
                fallback.drop(fallback.toBackup(rejected, FallbackReason.NOT_RETRYABLE), DropReason.UNDELIVERABLE,
                        "the destination refused replayed events as not retryable and no backup took them");
            }
        }
        try {
            cursor.handedOn(handedOn);
        } catch (IOException e) {
            warnings.rateLimited("cannot record the replay's progress in spool " + spool.dir(), e);
        }
        if (refused) {
            failures++;
            pause(settings.backoff().delayNanos(failures)); // throttled or failing: give it room
        } else {
            failures = 0;
        }
        return true;
    }

    private void pause(long nanos) {
        pausedUntilNanos = System.nanoTime() + nanos;
        pausedForOutage = breaker.getState() != CircuitBreaker.State.CLOSED;
    }
}
