package io.ecomlog.pipeline;

import io.ecomlog.resilience.BreakerSettings;
import io.ecomlog.settings.Setting;
import io.ecomlog.transport.RecordLimits;

import java.time.Duration;
import java.util.List;

/**
 * Every tunable of the client, described once (see {@link Setting}). The builder starts from these defaults and
 * checks its values with them; the appenders read their files' text with them; Spring's properties start from the
 * same defaults. What only one surface has (destinations, credentials, the appenders' log-line mapping, Spring's
 * health indicator) is that surface's own and documented there.
 */
public final class ClientSettings {

    private ClientSettings() {
    }

    public static final Setting<Integer> QUEUE_CAPACITY = Setting.integer("queueCapacity", "ecomlog.queue.capacity",
            100_000, 1, Integer.MAX_VALUE, "the in-memory queue's bound in events");
    public static final Setting<Long> QUEUE_MAX_BYTES = Setting.size("queueMaxBytes", "ecomlog.queue.max-size",
            64L << 20, 1, "the in-memory queue's bound in estimated bytes");
    public static final Setting<OverflowPolicy> OVERFLOW_POLICY = Setting.choice("overflowPolicy",
            "ecomlog.queue.overflow-policy", OverflowPolicy.DROP_NEWEST,
            "what a full queue does with a new event (with a spool, it is spilled to disk instead)");
    public static final Setting<Duration> BLOCK_TIMEOUT = Setting.duration("blockTimeout",
            "ecomlog.queue.block-timeout", Duration.ofMillis(100), Duration.ZERO,
            "how long the BLOCK overflow policy waits for room");
    public static final Setting<Duration> LINGER = Setting.duration("linger", "ecomlog.linger",
            Duration.ofMillis(500), Duration.ZERO, "how long a batch may wait to fill before it is sent");
    public static final Setting<Long> BATCH_BYTES = Setting.size("batchBytes", "ecomlog.batch-size", 4L << 20, 1,
            "encoded bytes that make a batch worth sending before the linger time");
    public static final Setting<Long> CHANNEL_MAX_BYTES = Setting.size("channelMaxBytes",
            "ecomlog.channel-max-size", 16L << 20, 1,
            "bytes a destination may hold pending (at least twice batchBytes); the excess is spooled");
    public static final Setting<Duration> RECORD_TTL = Setting.duration("recordTtl", "ecomlog.record-ttl",
            Duration.ofSeconds(60), Duration.ZERO, "how long an event may be retried before it goes to the backup");
    public static final Setting<Duration> RETRY_INITIAL_BACKOFF = Setting.duration("retryInitialBackoff",
            "ecomlog.retry.initial-backoff", Duration.ofMillis(100), Duration.ZERO,
            "the first retry's delay (exponential, full jitter)");
    public static final Setting<Duration> RETRY_MAX_BACKOFF = Setting.duration("retryMaxBackoff",
            "ecomlog.retry.max-backoff", Duration.ofSeconds(5), Duration.ZERO,
            "the longest retry delay (not shorter than the initial one)");
    public static final Setting<Integer> BREAKER_WINDOW_CALLS = Setting.integer("breakerWindowCalls",
            "ecomlog.breaker.window-calls", BreakerSettings.DEFAULT.windowCalls(), 1, 10_000, "calls the circuit breaker's failure rate is taken over");
    public static final Setting<Integer> BREAKER_MINIMUM_CALLS = Setting.integer("breakerMinimumCalls",
            "ecomlog.breaker.minimum-calls", BreakerSettings.DEFAULT.minimumCalls(), 1, 10_000, "calls before the failure rate counts");
    public static final Setting<Float> BREAKER_FAILURE_RATE_PERCENT = Setting.decimal("breakerFailureRatePercent",
            "ecomlog.breaker.failure-rate-percent", BreakerSettings.DEFAULT.failureRatePercent(), 1f, 100f, "failed calls, in percent, that open the breaker");
    public static final Setting<Duration> BREAKER_OPEN_DURATION = Setting.duration("breakerOpenDuration",
            "ecomlog.breaker.open-duration", BreakerSettings.DEFAULT.openDuration(), Duration.ofMillis(1),
            "how long an open breaker sends batches straight to the backup before one probe call");
    public static final Setting<PartitionKeyStrategy> PARTITION_KEY = Setting.choice("partitionKey",
            "ecomlog.partition-key", PartitionKeyStrategy.RANDOM,
            "how partition keys are chosen: RANDOM packs densest; SESSION, USER or ORDER keep those events in order");
    public static final Setting<Integer> KEY_BUCKETS = Setting.integer("keyBuckets", "ecomlog.key-buckets", 64, 0,
            1 << 20, "partition keys hashed into this many buckets (0: raw ids as keys)");
    public static final Setting<Boolean> GZIP = Setting.bool("gzip", "ecomlog.gzip", false,
            "gzip each Kinesis/Firehose record (readers detect it by its magic bytes)");
    public static final Setting<Integer> KINESIS_RECORD_BYTES = Setting.integer("kinesisRecordBytes",
            "ecomlog.kinesis.record-size", RecordLimits.KINESIS.targetRecordBytes(), 1,
            RecordLimits.KINESIS.maxRecordBytes(), "bytes a Kinesis record is packed up to (one PUT payload unit)");
    public static final Setting<Integer> FIREHOSE_RECORD_BYTES = Setting.integer("firehoseRecordBytes",
            "ecomlog.firehose.record-size", RecordLimits.FIREHOSE.targetRecordBytes(), 1,
            RecordLimits.FIREHOSE.maxRecordBytes(), "bytes a Firehose record is packed up to");
    public static final Setting<Long> SPOOL_MAX_BYTES = Setting.size("spoolMaxBytes", "ecomlog.spool.max-size",
            256L << 20, 1, "the disk spool's bound; beyond it, events are dropped and counted");
    public static final Setting<Long> SPOOL_SEGMENT_BYTES = Setting.size("spoolSegmentBytes",
            "ecomlog.spool.segment-size", 1L << 20, 0,
            "spooled batches are coalesced into files of about this many bytes (0: one file per batch)");
    public static final Setting<Integer> REPLAY_SHARE_PERCENT = Setting.integer("replaySharePercent",
            "ecomlog.spool.replay-share-percent", 50, 1, 90,
            "the share of a destination's calls the spool's replay may take while live events wait");
    public static final Setting<Duration> CLOSE_TIMEOUT = Setting.duration("closeTimeout", "ecomlog.close-timeout",
            Duration.ofSeconds(5), Duration.ZERO, "the deadline close() and the shutdown hook keep");
    public static final Setting<Boolean> SHUTDOWN_HOOK = Setting.bool("shutdownHook", "ecomlog.shutdown-hook", true,
            "whether a JVM shutdown hook closes the client");
    public static final Setting<String> PRODUCER_ID = Setting.text("producerId", "ecomlog.producer-id",
            "names this process in object keys (default: host-pid)");

    /** All of them, in the order of the reference. */
    public static List<Setting<?>> all() {
        return List.of(QUEUE_CAPACITY, QUEUE_MAX_BYTES, OVERFLOW_POLICY, BLOCK_TIMEOUT, LINGER, BATCH_BYTES,
                CHANNEL_MAX_BYTES, RECORD_TTL, RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF, BREAKER_WINDOW_CALLS,
                BREAKER_MINIMUM_CALLS, BREAKER_FAILURE_RATE_PERCENT, BREAKER_OPEN_DURATION, PARTITION_KEY,
                KEY_BUCKETS, GZIP, KINESIS_RECORD_BYTES, FIREHOSE_RECORD_BYTES, SPOOL_MAX_BYTES, SPOOL_SEGMENT_BYTES,
                REPLAY_SHARE_PERCENT, CLOSE_TIMEOUT, SHUTDOWN_HOOK, PRODUCER_ID);
    }

    /**
     * Sets a value on a builder by its description: how the text surfaces (the appenders' files, the shipper) hand
     * over whatever setting they were given without a method of their own for each.
     */
    static <T> void apply(EcomlogClient.Builder b, Setting<T> setting, T value) {
        Object v = setting.check(value);
        if (setting == QUEUE_CAPACITY) { b.queueCapacity((Integer) v); }
        else if (setting == QUEUE_MAX_BYTES) { b.queueMaxBytes((Long) v); }
        else if (setting == OVERFLOW_POLICY) { b.overflowPolicy((OverflowPolicy) v); }
        else if (setting == BLOCK_TIMEOUT) { b.blockTimeout((Duration) v); }
        else if (setting == LINGER) { b.linger((Duration) v); }
        else if (setting == BATCH_BYTES) { b.batchBytes((Long) v); }
        else if (setting == CHANNEL_MAX_BYTES) { b.channelMaxBytes((Long) v); }
        else if (setting == RECORD_TTL) { b.recordTtl((Duration) v); }
        else if (setting == RETRY_INITIAL_BACKOFF) { b.retryInitialBackoff((Duration) v); }
        else if (setting == RETRY_MAX_BACKOFF) { b.retryMaxBackoff((Duration) v); }
        else if (setting == BREAKER_WINDOW_CALLS) { b.breakerWindowCalls((Integer) v); }
        else if (setting == BREAKER_MINIMUM_CALLS) { b.breakerMinimumCalls((Integer) v); }
        else if (setting == BREAKER_FAILURE_RATE_PERCENT) { b.breakerFailureRatePercent((Float) v); }
        else if (setting == BREAKER_OPEN_DURATION) { b.breakerOpenDuration((Duration) v); }
        else if (setting == PARTITION_KEY) { b.partitionKey((PartitionKeyStrategy) v); }
        else if (setting == KEY_BUCKETS) { b.keyBuckets((Integer) v); }
        else if (setting == GZIP) { b.gzip((Boolean) v); }
        else if (setting == KINESIS_RECORD_BYTES) { b.kinesisRecordBytes((Integer) v); }
        else if (setting == FIREHOSE_RECORD_BYTES) { b.firehoseRecordBytes((Integer) v); }
        else if (setting == SPOOL_MAX_BYTES) { b.spoolMaxBytes((Long) v); }
        else if (setting == SPOOL_SEGMENT_BYTES) { b.spoolSegmentBytes((Long) v); }
        else if (setting == REPLAY_SHARE_PERCENT) { b.replaySharePercent((Integer) v); }
        else if (setting == CLOSE_TIMEOUT) { b.closeTimeout((Duration) v); }
        else if (setting == SHUTDOWN_HOOK) { b.shutdownHook((Boolean) v); }
        else if (setting == PRODUCER_ID) { b.producerId((String) v); }
        else { throw new IllegalArgumentException("not a client setting: " + setting); }
    }

    /** The setting of that name (the builder's and the files' camelCase name). */
    public static Setting<?> named(String name) {
        return all().stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no client setting is called " + name));
    }
}
