package io.ecomlog.transport;

import io.ecomlog.record.EncodedEvent;
import io.ecomlog.record.ObjectKeys;
import io.ecomlog.record.RecordCodec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * Writes events as gzip NDJSON objects, one object per event type and hour, under {@link ObjectKeys}' layout. Used for
 * the S3 backup, for S3 as a direct destination and, over a folder, for the local data lake.
 */
public final class ObjectStoreDestination implements Destination {

    private final ObjectStore store;
    private final String prefix;
    private final String producerId;

    public ObjectStoreDestination(ObjectStore store, String prefix, String producerId) {
        this.store = Objects.requireNonNull(store, "store");
        this.prefix = prefix == null ? "" : prefix;
        this.producerId = Objects.requireNonNull(producerId, "producerId");
    }

    public ObjectStore store() {
        return store;
    }

    public String prefix() {
        return prefix;
    }

    @Override
    public String name() {
        return store.describe() + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    @Override
    public long maxEventBytes() {
        return Long.MAX_VALUE; // an S3 object takes anything we would hold in memory
    }

    @Override
    public DeliveryReport deliver(List<EncodedEvent> events) {
        record Partition(String eventType, long hour) {
        }
        var groups = new LinkedHashMap<Partition, List<EncodedEvent>>();
        for (var e : events) {
            groups.computeIfAbsent(new Partition(e.eventType(), ObjectKeys.hourOf(e.eventTime())),
                    p -> new ArrayList<>()).add(e);
        }
        var failed = new ArrayList<FailedEvent>();
        int delivered = 0, calls = 0, objects = 0;
        long bytes = 0;
        Throwable callFailure = null;
        for (var group : groups.values()) {
            var first = group.get(0);
            var key = ObjectKeys.key(prefix, first.eventType(), first.eventTime(), producerId, first.eventId());
            var body = RecordCodec.gzip(RecordCodec.joinLines(group));
            calls++;
            try {
                store.put(key, body);
                delivered += group.size();
                objects++;
                bytes += body.length;
            } catch (Exception e) {
                callFailure = e;
                var kind = e instanceof IOException ? FailureKind.NETWORK : FailureClassifier.classify(e);
                var detail = e.getClass().getSimpleName() + ": " + e.getMessage();
                group.forEach(ev -> failed.add(new FailedEvent(ev, kind, detail)));
            }
        }
        return new DeliveryReport(delivered, failed, calls, objects, bytes, callFailure);
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (Exception ignored) {
            // nothing the caller could do
        }
    }
}
