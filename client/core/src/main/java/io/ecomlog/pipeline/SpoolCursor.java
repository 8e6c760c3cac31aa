package io.ecomlog.pipeline;

import io.ecomlog.metrics.ClientCounters;
import io.ecomlog.metrics.DropReason;
import io.ecomlog.record.EncodedEvent;
import io.ecomlog.spool.DiskSpool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The replay's place in the spool: the events of the oldest segment not yet handed on, oldest first. What was handed on
 * is taken out of the segment on disk (rewritten to what is left, at most once a second while replaying, and at
 * {@link #close}), so a normal stop never sends an event again, and a crash repeats at most a second's worth.
 */
final class SpoolCursor {

    private static final long REWRITE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DiskSpool spool;
    private final Function<byte[], EncodedEvent> decoder;
    private final ClientCounters counters;
    private final BiConsumer<String, Throwable> warn;
    private final ArrayDeque<EncodedEvent> left = new ArrayDeque<>();
    private Path segment;
    private boolean dirty;
    private long lastRewriteNanos = System.nanoTime();

    SpoolCursor(DiskSpool spool, Function<byte[], EncodedEvent> decoder, ClientCounters counters,
                BiConsumer<String, Throwable> warn) {
        this.spool = spool;
        this.decoder = decoder;
        this.counters = counters;
        this.warn = warn;
    }

    /** Whether anything is left to replay, on disk or loaded. */
    synchronized boolean hasEvents() {
        return !left.isEmpty() || spool.sizeBytes() > 0;
    }

    /**
     * The oldest events not yet handed on, up to {@code maxBytes} (at least one); they stay in the cursor until
     * {@link #handedOn}. Empty when the spool is empty.
     */
    synchronized List<EncodedEvent> peek(long maxBytes) throws IOException {
        if (left.isEmpty()) {
            load();
        }
        var chunk = new ArrayList<EncodedEvent>();
        long bytes = 0;
        for (var event : left) {
            if (!chunk.isEmpty() && bytes + event.size() > maxBytes) {
                break;
            }
            chunk.add(event);
            bytes += event.size();
        }
        return chunk;
    }

    /** These events (of the last peek) were delivered or secured elsewhere: they leave the spool. */
    synchronized void handedOn(List<EncodedEvent> events) throws IOException {
        if (events.isEmpty()) {
            return;
        }
        Set<EncodedEvent> done = Collections.newSetFromMap(new IdentityHashMap<>());
        done.addAll(events);
        left.removeIf(done::contains);
        dirty = true;
        if (left.isEmpty() || System.nanoTime() - lastRewriteNanos >= REWRITE_INTERVAL_NANOS) {
            saveProgress();
        }
    }

    /** Writes what is left of the current segment to disk (nothing more to replay from it: deleted). */
    synchronized void close() {
        try {
            saveProgress();
        } catch (IOException e) {
            warn.accept("cannot record the replay's progress in " + segment
                    + "; its delivered events will be sent again at the next start", e);
        }
    }

    private void saveProgress() throws IOException {
        if (!dirty || segment == null) {
            return;
        }
        var lines = new ArrayList<byte[]>(left.size());
        left.forEach(e -> lines.add(e.json()));
        spool.rewrite(segment, lines);
        dirty = false;
        lastRewriteNanos = System.nanoTime();
        if (left.isEmpty()) {
            segment = null;
        }
    }

    /** Loads the oldest readable segment that holds events; seals the open one when no sealed one is left. */
    private void load() throws IOException {
        segment = null;
        var segments = spool.sealedSegments();
        if (segments.isEmpty() && spool.hasOpenSegment()) {
            spool.sealOpenSegment();
            segments = spool.sealedSegments();
        }
        for (var candidate : segments) {
            List<byte[]> lines;
            try {
                lines = spool.read(candidate);
            } catch (IOException | RuntimeException e) {
                var aside = spool.quarantine(candidate);
                warn.accept("spool segment " + candidate + " is unreadable; moved aside to " + aside
                        + ", counted as one dropped event (its event count is unknown)", e);
                counters.dropped(DropReason.SPOOL_CORRUPT, 1);
                continue;
            }
            long now = System.nanoTime();
            int corrupt = 0;
            for (var line : lines) {
                var event = decoder.apply(line);
                if (event == null) {
                    corrupt++;
                } else {
                    left.add(event.acceptedAt(now));
                }
            }
            if (corrupt > 0) {
                counters.dropped(DropReason.SPOOL_CORRUPT, corrupt);
                warn.accept(corrupt + " lines of spool segment " + candidate + " are not events; counted as dropped",
                        null);
            }
            if (!left.isEmpty()) {
                segment = candidate;
                return;
            }
            spool.delete(candidate);
        }
    }
}
