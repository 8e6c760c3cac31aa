package io.ecomlog.transport;

import io.ecomlog.pipeline.EncodedEvent;
import io.ecomlog.record.RecordCodec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Packs events into as few records as the limits allow: events that share a partition key are packed together (so
 * ordering per key survives; for Firehose, which has no keys, all events pack together), events with no key ({@code null}: random strategy) are packed with each other under a
 * random key. A record is filled up to {@link RecordLimits#targetRecordBytes()}; an event larger than that but within
 * the hard limit travels alone; the caller keeps events over the hard limit out (they go to the S3 backup whole).
 *
 * <p>With gzip, records are filled by raw size scaled by the compression ratio seen so far (with a margin), then split
 * in half while the compressed record still exceeds the target: a record just over a billing unit would cost two.
 * Not thread-safe: one packer per sending thread.
 */
public final class RecordPacker {

    private final RecordLimits limits;
    private final boolean gzip;
    /** Fill gzip records to this share of the target by the learnt ratio, so few overshoot and need a split. */
    private static final double GZIP_FILL = 0.92;

    private double compressionRatio = 0.25; // compressed/raw, learnt as we go; JSON events typically compress 4-8x

    public RecordPacker(RecordLimits limits, boolean gzip) {
        this.limits = limits;
        this.gzip = gzip;
    }

    public List<PackedRecord> pack(List<EncodedEvent> events) {
        var byKey = new LinkedHashMap<String, List<EncodedEvent>>();
        for (var event : events) {
            // Firehose has no partition keys: all events pack together
            var key = !limits.partitionKeysCount() || event.partitionKey() == null ? "" : event.partitionKey();
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
        }
        var records = new ArrayList<PackedRecord>();
        byKey.forEach((key, group) -> packGroup(key.isEmpty() ? randomKey() : key, group, records));
        return records;
    }

    private void packGroup(String key, List<EncodedEvent> group, List<PackedRecord> out) {
        int keyBytes = limits.partitionKeysCount() ? key.length() : 0;
        long budget = gzip
                ? (long) (GZIP_FILL * (limits.targetRecordBytes() - keyBytes) / Math.max(compressionRatio, 0.02))
                : limits.targetRecordBytes() - keyBytes;
        var current = new ArrayList<EncodedEvent>();
        long currentBytes = 0;
        for (var event : group) {
            long size = event.size() + 1L;
            if (!current.isEmpty() && currentBytes + size > budget) {
                emit(key, current, out);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(event);
            currentBytes += size;
        }
        if (!current.isEmpty()) {
            emit(key, current, out);
        }
    }

    private void emit(String key, List<EncodedEvent> events, List<PackedRecord> out) {
        byte[] raw = RecordCodec.joinLines(events);
        if (!gzip) {
            out.add(new PackedRecord(key, raw, List.copyOf(events)));
            return;
        }
        byte[] compressed = RecordCodec.gzip(raw);
        compressionRatio = 0.8 * compressionRatio + 0.2 * ((double) compressed.length / raw.length);
        int keyBytes = limits.partitionKeysCount() ? key.length() : 0;
        if (compressed.length + keyBytes > limits.targetRecordBytes() && events.size() > 1) {
            int half = events.size() / 2;
            emit(key, events.subList(0, half), out);
            emit(key, events.subList(half, events.size()), out);
            return;
        }
        out.add(new PackedRecord(key, compressed, List.copyOf(events)));
    }

    private static String randomKey() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
}
