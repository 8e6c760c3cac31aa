package io.ecomlog.transport;

import io.ecomlog.record.EncodedEvent;
import io.ecomlog.record.RecordCodec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Packs events into as few records as the limits allow: events that share a partition key are packed together (so
 * ordering per key survives; Firehose has no keys, so there all events pack together), events with no key
 * ({@code null}: random strategy) are packed with each other under a random key. A record is filled up to {@link RecordLimits#targetRecordBytes()}; an event larger than that but within
 * the hard limit travels alone; the caller keeps events over the hard limit out (they go to the S3 backup whole).
 *
 * <p>With gzip, records are filled by raw size scaled by the compression ratio seen so far; a record that still
 * compresses to more than the target (it would bill two units) keeps the share of its events that fits, and the rest
 * start the next record. Not thread-safe: one packer per sending thread.
 */
public final class RecordPacker {

    private final RecordLimits limits;
    private final boolean gzip;
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
        int target = limits.targetRecordBytes() - keyBytes;
        int from = 0;
        while (from < group.size()) {
            long budget = gzip ? (long) (target / Math.max(compressionRatio, 0.02)) : target;
            int to = from;
            long raw = 0;
            while (to < group.size() && (to == from || raw + group.get(to).size() + 1 <= budget)) {
                raw += group.get(to).size() + 1;
                to++;
            }
            if (!gzip) {
                out.add(new PackedRecord(key, RecordCodec.joinLines(group.subList(from, to)),
                        List.copyOf(group.subList(from, to))));
                from = to;
                continue;
            }
            byte[] compressed;
            while (true) {
                var events = group.subList(from, to);
                byte[] plain = RecordCodec.joinLines(events);
                compressed = RecordCodec.gzip(plain);
                compressionRatio = 0.7 * compressionRatio + 0.3 * ((double) compressed.length / plain.length);
                if (compressed.length <= target || events.size() == 1) {
                    break;
                }
                // over the unit (it would bill two): keep the share that fits, the rest starts the next record
                int keep = (int) (events.size() * (double) target / compressed.length * 0.98);
                to = from + Math.max(1, Math.min(keep, events.size() - 1));
            }
            out.add(new PackedRecord(key, compressed, List.copyOf(group.subList(from, to))));
            from = to;
        }
    }

    private static String randomKey() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
}
