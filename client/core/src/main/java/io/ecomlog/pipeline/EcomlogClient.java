package io.ecomlog.pipeline;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;
import io.ecomlog.metrics.ClientCounters;
import io.ecomlog.metrics.DeliveryListener;
import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.metrics.DropReason;
import io.ecomlog.record.EncodedEvent;
import io.ecomlog.resilience.BreakerSettings;
import io.ecomlog.resilience.RetryBackoff;
import io.ecomlog.settings.Setting;
import io.ecomlog.spool.DiskSpool;
import io.ecomlog.spool.SpoolLock;
import io.ecomlog.transport.Destination;
import io.ecomlog.transport.FirehoseBatchApi;
import io.ecomlog.transport.KinesisBatchApi;
import io.ecomlog.transport.LocalFolderStore;
import io.ecomlog.transport.ObjectStoreDestination;
import io.ecomlog.transport.RecordLimits;
import io.ecomlog.transport.RecordStreamDestination;
import io.ecomlog.transport.S3ObjectStore;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The ecomlog client: hand it typed events and log records from any thread; it encodes, packs and ships them in the
 * background, retries what fails, falls back to the S3 backup and the disk spool, and counts everything it could not
 * deliver. {@link #track} never blocks the caller (unless {@link OverflowPolicy#BLOCK} is chosen) and never throws a
 * delivery problem at it.
 *
 * <pre>{@code
 * var client = EcomlogClient.builder()
 *         .kinesis(kinesisClient, "events")
 *         .s3Backup(s3Client, "my-backup-bucket", "backup")
 *         .spoolDirectory(Path.of("/var/spool/ecomlog"))
 *         .build();
 * client.track(Events.productViewed(product).sessionId(sessionId).build());
 * ...
 * client.close(Duration.ofSeconds(5));
 * }</pre>
 */
public final class EcomlogClient implements AutoCloseable {

    /** What the builder was given: a copy no one else holds, read by this client and copied by toBuilder(). */
    private final Builder settings;
    private final IngestQueue queue;
    private final Dispatcher dispatcher;
    private final OverflowSpill spill;
    private final List<DeliveryChannel> channels;
    private final List<Destination> backups;
    private final ClientCounters counters = new ClientCounters();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private final List<SpoolLock> spoolLocks = new ArrayList<>();
    private final String unavailableReason;

    /** A client that takes nothing: see {@link #unavailable}. */
    private EcomlogClient(String unavailableReason) {
        var s = builder().shutdownHook(false).closeTimeout(Duration.ZERO);
        this.settings = s;
        this.unavailableReason = unavailableReason;
        this.queue = new IngestQueue(1, 1);
        this.channels = List.of();
        this.backups = List.of();
        this.dispatcher = new Dispatcher(queue, null, channels, counters, s.listener);
        this.spill = null;
        this.shutdownHook = null;
        closed.set(true);
    }

    /**
     * @param s            the builder's copy
     * @param destinations its destinations, made for {@code producerId}
     */
    private EcomlogClient(Builder s, List<Destination> destinations, String producerId) {
        this.settings = s;
        this.unavailableReason = null;
        this.queue = new IngestQueue(s.queueCapacity, s.queueMaxBytes);
        counters.queueGauges(queue::size, queue::bytes);
        var codec = new EventCodec();
        var encoder = new EventEncoder(codec, s.partitionKeyStrategy, s.keyBuckets, s.redactor);
        counters.redactionCounter(s.redactor::redactions);
        var channelSettings = new ChannelSettings(s.linger.toNanos(), s.batchBytes,
                Math.max(s.channelMaxBytes, s.batchBytes * 2),
                s.recordTtl.toNanos(), new RetryBackoff(s.retryInitialBackoff, s.retryMaxBackoff), s.breaker,
                s.replaySharePercent);
        Function<byte[], EncodedEvent> lineDecoder = line -> encoder.encodeLine(line, System.nanoTime());
        this.channels = new ArrayList<>();
        this.backups = new ArrayList<>();
        if (destinations.isEmpty()) {
            destinations = List.of(localLake(Path.of("ecomlog-lake"), producerId));
        }
        for (var destination : destinations) {
            var spool = s.spoolDirectory == null ? null : openSpool(s, destination, spoolLocks);
            var backup = s.backupFactory == null ? null : s.backupFactory.apply(producerId);
            if (backup != null) {
                backups.add(backup);
            }
            channels.add(new DeliveryChannel(destination, backup, spool, channelSettings, counters, lineDecoder,
                    s.listener));
        }
        this.dispatcher = new Dispatcher(queue, encoder, channels, counters, s.listener);
        // with a spool, a burst that fills the queue goes to disk instead of being dropped (not under DROP_OLDEST,
        // which asks for the freshest events in memory)
        this.spill = s.spoolDirectory != null && s.overflowPolicy != OverflowPolicy.DROP_OLDEST
                ? new OverflowSpill(dispatcher, channels, counters) : null;
        channels.forEach(DeliveryChannel::start);
        dispatcher.start();
        if (spill != null) {
            spill.start();
        }
        if (s.shutdownHook) {
            shutdownHook = new Thread(() -> close(s.closeTimeout), "ecomlog-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            shutdownHook = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding everything this client was built with (its destinations' SDK clients, listener, redactor and
     * every setting), to build a second client that differs in some of them, as the AWS SDK's {@code toBuilder()}.
     * The clients are independent; give the second its own {@code producerId} and spool folder when both run.
     *
     * @throws IllegalStateException for an {@link #unavailable} client, which was built from nothing
     */
    public Builder toBuilder() {
        if (unavailableReason != null) {
            throw new IllegalStateException("an unavailable client has no configuration: " + unavailableReason);
        }
        return new Builder(settings);
    }

    /**
     * A client that could not be built (the starter's stand-in when building the real one failed): it takes no event,
     * counts each one as dropped ({@code CLOSED}), reports itself closed, and says why in {@link #unavailableReason()}.
     */
    public static EcomlogClient unavailable(String reason) {
        return new EcomlogClient(Objects.requireNonNull(reason, "reason"));
    }

    /** Why this client takes no events, when it is an {@link #unavailable} one; null for a working client. */
    public String unavailableReason() {
        return unavailableReason;
    }

    // ------------------------------------------------------------------ the caller's side

    /**
     * Queues a typed event. Returns {@code false} when it was not taken (queue full under the overflow policy, or the
     * client closed); that is counted in {@link #stats()}. Never throws for delivery problems.
     */
    public boolean track(EcomEvent event) {
        if (event == null) {
            counters.dropped(DropReason.MALFORMED, 1);
            return false;
        }
        return offer(event, event.estimatedSize());
    }

    /**
     * Queues an event that is built later, on the background thread: for callers (the logging appenders) whose
     * mapping to a typed event — ids, validation, stack traces — should not cost the thread that logs. The supplier
     * must only read data it captured; if it throws, the event is counted as malformed. {@code estimatedBytes}
     * bounds the queue until then.
     */
    public boolean trackLater(Supplier<EcomEvent> event, int estimatedBytes) {
        if (event == null) {
            counters.dropped(DropReason.MALFORMED, 1);
            return false;
        }
        return offer(event, Math.max(estimatedBytes, 1));
    }

    /** Queues a log record as a {@code log} event. */
    public boolean log(LogRecord record) {
        if (record == null) {
            counters.dropped(DropReason.MALFORMED, 1);
            return false;
        }
        return track(Events.log(record).build());
    }

    /**
     * Queues one JSON object produced by some other encoder (a logging framework's JSON layout, say). Lines that are
     * not one JSON object are counted as malformed and dropped in the background; the fields ecomlog needs (id, type,
     * time) are filled in when missing, outside the line.
     */
    public boolean submitJson(byte[] jsonLine) {
        if (jsonLine == null || jsonLine.length == 0) {
            counters.dropped(DropReason.MALFORMED, 1);
            return false;
        }
        return offer(jsonLine, jsonLine.length);
    }

    private boolean offer(Object payload, int estimatedBytes) {
        if (closed.get()) {
            counters.dropped(DropReason.CLOSED, 1);
            return false;
        }
        int evicted;
        var item = new IngestQueue.Item(payload, estimatedBytes, System.nanoTime());
        try {
            evicted = queue.offer(item, settings.overflowPolicy, settings.blockTimeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            evicted = IngestQueue.REJECTED;
        }
        if (evicted == IngestQueue.REJECTED && spill != null && spill.offer(item)) {
            evicted = 0;
        }
        if (evicted == IngestQueue.REJECTED) {
            counters.dropped(DropReason.QUEUE_FULL, 1);
            return false;
        }
        accepted.incrementAndGet();
        counters.accepted();
        if (evicted > 0) {
            counters.dropped(DropReason.QUEUE_FULL, evicted);
            dispatcher.countEvicted(evicted);
        }
        return true;
    }

    // ------------------------------------------------------------------ flush and close

    /**
     * Sends everything accepted so far without waiting for the linger time, and waits until as many events have
     * settled (delivered, backed up, spooled or dropped, each counted) as had been accepted. Returns whether that
     * happened within the timeout.
     */
    public boolean flush(Duration timeout) {
        return flushUntil(System.nanoTime() + timeout.toNanos());
    }

    private boolean flushUntil(long deadline) {
        long target = accepted.get();
        while (dispatcher.processed() < target) {
            if (!pause(deadline)) {
                return false;
            }
        }
        var targets = channels.stream().mapToLong(DeliveryChannel::entered).toArray();
        channels.forEach(DeliveryChannel::requestFlush);
        for (int i = 0; i < channels.size(); i++) {
            while (channels.get(i).settled() < targets[i]) {
                channels.get(i).requestFlush();
                if (!pause(deadline)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean pause(long deadline) {
        if (System.nanoTime() >= deadline) {
            return false;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(2);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops taking events, delivers what it holds, replays what the spool holds while the destination takes it (so a
     * healthy destination gets what an outage left), and returns by the deadline whatever happens: what could not be
     * delivered by then goes to the spool (or the backup when there is no spool) or is counted as dropped. Returns
     * whether everything was delivered, backed up or spooled. Idempotent.
     */
    public boolean close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return true;
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        // keep a fifth of the time (up to 1 s) to secure leftovers on disk if the destination is slow
        long reserve = Math.min(timeout.toNanos() / 5, TimeUnit.SECONDS.toNanos(1));
        long shutdownDropsBefore = counters.snapshot().dropped().get(DropReason.SHUTDOWN);
        boolean flushed = flushUntil(deadline - reserve);
        drainSpools(deadline - reserve);
        if (spill != null) {
            spill.stop(deadline - reserve);
        }
        dispatcher.stop(deadline - reserve);
        channels.forEach(c -> c.shutdown(deadline));
        channels.forEach(DeliveryChannel::closeDestination);
        backups.forEach(Destination::close);
        spoolLocks.forEach(SpoolLock::close);
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
        }
        long shutdownDrops = counters.snapshot().dropped().get(DropReason.SHUTDOWN) - shutdownDropsBefore;
        return flushed || shutdownDrops == 0;
    }

    /**
     * Lets the channels replay their spools until they are empty or the deadline, while their destinations take
     * events: a healthy destination gets what an outage left before the process goes.
     */
    private void drainSpools(long deadline) {
        while (channels.stream().anyMatch(DeliveryChannel::draining)) {
            if (!pause(deadline)) {
                return;
            }
        }
    }

    /** {@link #close(Duration)} with the configured close timeout. */
    @Override
    public void close() {
        close(settings.closeTimeout);
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** A snapshot of every counter and gauge. */
    public DeliveryStats stats() {
        return counters.snapshot();
    }

    /** The names of the destinations, as used in {@link DeliveryStats} and metrics. */
    public List<String> destinationNames() {
        return channels.stream().map(DeliveryChannel::name).toList();
    }

    // ------------------------------------------------------------------ construction helpers

    private static ObjectStoreDestination localLake(Path folder, String producerId) {
        return new ObjectStoreDestination(new LocalFolderStore(folder), "", producerId);
    }

    /** The destination's spool, in a folder this client locks (the next free alternative when another one has it). */
    private static DiskSpool openSpool(Builder s, Destination destination, List<SpoolLock> locks) {
        var dir = s.spoolDirectory.resolve(destination.name().replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            var lock = SpoolLock.acquire(dir);
            locks.add(lock);
            var spool = new DiskSpool(lock.dir(), s.spoolMaxBytes, s.spoolSegmentBytes);
            spool.recover(); // ours now: seal what a killed process left open
            return spool;
        } catch (IOException e) {
            locks.forEach(SpoolLock::close);
            throw new UncheckedIOException("ecomlog spool directory " + dir + " cannot be used: " + e.getMessage(),
                    e);
        }
    }

    private static String defaultProducerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** Immutable settings, copied from the builder at {@link Builder#build()}. */

    /**
     * Builds an {@link EcomlogClient}. Every setting has a default; with no destination at all, events go to the
     * local data lake in {@code ./ecomlog-lake}. Settings are checked at {@link #build()}, which makes no network call.
     */
    public static final class Builder {

        // built at build(), so gzip, record sizes and the producer id apply whatever order they were set in
        private final List<Function<String, Destination>> destinations = new ArrayList<>();
        private Function<String, ObjectStoreDestination> backupFactory;
        private Path spoolDirectory;
        // every default is ClientSettings' (the one description of the settings)
        private long spoolMaxBytes = ClientSettings.SPOOL_MAX_BYTES.defaultValue();
        private long spoolSegmentBytes = ClientSettings.SPOOL_SEGMENT_BYTES.defaultValue();
        private int replaySharePercent = ClientSettings.REPLAY_SHARE_PERCENT.defaultValue();
        private int queueCapacity = ClientSettings.QUEUE_CAPACITY.defaultValue();
        private long queueMaxBytes = ClientSettings.QUEUE_MAX_BYTES.defaultValue();
        private OverflowPolicy overflowPolicy = ClientSettings.OVERFLOW_POLICY.defaultValue();
        private Duration blockTimeout = ClientSettings.BLOCK_TIMEOUT.defaultValue();
        private Duration linger = ClientSettings.LINGER.defaultValue();
        private long batchBytes = ClientSettings.BATCH_BYTES.defaultValue();
        private long channelMaxBytes = ClientSettings.CHANNEL_MAX_BYTES.defaultValue();
        private Duration recordTtl = ClientSettings.RECORD_TTL.defaultValue();
        private Duration retryInitialBackoff = ClientSettings.RETRY_INITIAL_BACKOFF.defaultValue();
        private Duration retryMaxBackoff = ClientSettings.RETRY_MAX_BACKOFF.defaultValue();
        private BreakerSettings breaker = BreakerSettings.DEFAULT;
        private PartitionKeyStrategy partitionKeyStrategy = ClientSettings.PARTITION_KEY.defaultValue();
        private int keyBuckets = ClientSettings.KEY_BUCKETS.defaultValue();
        private String producerId;
        private DeliveryListener listener = DeliveryListener.SILENT;
        private boolean shutdownHook = ClientSettings.SHUTDOWN_HOOK.defaultValue();
        private Duration closeTimeout = ClientSettings.CLOSE_TIMEOUT.defaultValue();
        private boolean gzip = ClientSettings.GZIP.defaultValue();
        private PiiRedactor redactor = PiiRedactor.defaults();
        private int kinesisRecordBytes = ClientSettings.KINESIS_RECORD_BYTES.defaultValue();
        private int firehoseRecordBytes = ClientSettings.FIREHOSE_RECORD_BYTES.defaultValue();

        private Builder() {
        }

        /** A builder with everything {@code other} was given (the same destinations, listener and redactor). */
        private Builder(Builder other) {
            destinations.addAll(other.destinations);
            backupFactory = other.backupFactory;
            spoolDirectory = other.spoolDirectory;
            spoolMaxBytes = other.spoolMaxBytes;
            spoolSegmentBytes = other.spoolSegmentBytes;
            replaySharePercent = other.replaySharePercent;
            queueCapacity = other.queueCapacity;
            queueMaxBytes = other.queueMaxBytes;
            overflowPolicy = other.overflowPolicy;
            blockTimeout = other.blockTimeout;
            linger = other.linger;
            batchBytes = other.batchBytes;
            channelMaxBytes = other.channelMaxBytes;
            recordTtl = other.recordTtl;
            retryInitialBackoff = other.retryInitialBackoff;
            retryMaxBackoff = other.retryMaxBackoff;
            breaker = other.breaker;
            partitionKeyStrategy = other.partitionKeyStrategy;
            keyBuckets = other.keyBuckets;
            producerId = other.producerId;
            listener = other.listener;
            shutdownHook = other.shutdownHook;
            closeTimeout = other.closeTimeout;
            gzip = other.gzip;
            redactor = other.redactor;
            kinesisRecordBytes = other.kinesisRecordBytes;
            firehoseRecordBytes = other.firehoseRecordBytes;
        }

        /** Any destination; the convenience methods below cover Kinesis, Firehose, S3 and the local lake. */
        public Builder destination(Destination destination) {
            Objects.requireNonNull(destination, "destination");
            destinations.add(producerId -> destination);
            return this;
        }

        /**
         * A Kinesis data stream through PutRecords. The client stays the caller's: ecomlog never closes it.
         */
        public Builder kinesis(KinesisClient client, String streamName) {
            requireText(streamName, "kinesis stream name");
            Objects.requireNonNull(client, "kinesis client");
            destinations.add(producerId -> new RecordStreamDestination(new KinesisBatchApi(client, streamName,
                    RecordLimits.KINESIS.withTargetRecordBytes(kinesisRecordBytes), false), gzip));
            return this;
        }

        /** A Firehose delivery stream through PutRecordBatch. The client stays the caller's. */
        public Builder firehose(FirehoseClient client, String deliveryStreamName) {
            requireText(deliveryStreamName, "firehose delivery stream name");
            Objects.requireNonNull(client, "firehose client");
            destinations.add(producerId -> new RecordStreamDestination(new FirehoseBatchApi(client,
                    deliveryStreamName, RecordLimits.FIREHOSE.withTargetRecordBytes(firehoseRecordBytes), false),
                    gzip));
            return this;
        }

        /** S3 as a direct destination (gzip NDJSON objects in the Hive-partitioned layout). */
        public Builder s3(S3Client client, String bucket, String prefix) {
            requireText(bucket, "s3 bucket");
            Objects.requireNonNull(client, "s3 client");
            destinations.add(producerId -> new ObjectStoreDestination(new S3ObjectStore(client, bucket, false),
                    prefix, producerId));
            return this;
        }

        /** The local data lake: the same layout as S3, in a folder. */
        public Builder localLake(Path folder) {
            Objects.requireNonNull(folder, "local lake folder");
            destinations.add(producerId -> EcomlogClient.localLake(folder, producerId));
            return this;
        }

        /** Where events go when their destination fails: an S3 bucket and key prefix. */
        public Builder s3Backup(S3Client client, String bucket, String prefix) {
            requireText(bucket, "s3 backup bucket");
            Objects.requireNonNull(client, "s3 client");
            this.backupFactory = producerId -> new ObjectStoreDestination(new S3ObjectStore(client, bucket, false),
                    prefix, producerId);
            return this;
        }

        /** Any object store as the backup (a folder, say, in tests or local mode). */
        public Builder backup(Function<String, ObjectStoreDestination> backupForProducer) {
            this.backupFactory = Objects.requireNonNull(backupForProducer, "backup");
            return this;
        }

        /** The disk spool: the last resort when destination and backup fail; replayed at start-up and recovery. */
        public Builder spoolDirectory(Path directory) {
            this.spoolDirectory = directory;
            return this;
        }

        public Builder spoolMaxBytes(long bytes) {
            this.spoolMaxBytes = ClientSettings.SPOOL_MAX_BYTES.check(bytes);
            return this;
        }

        /**
         * Spooled batches are coalesced into segment files of about this many (compressed) bytes (default 1 MiB), so an
         * outage makes a few large files rather than one per batch; 0 writes one file per batch.
         */
        public Builder spoolSegmentBytes(long bytes) {
            this.spoolSegmentBytes = ClientSettings.SPOOL_SEGMENT_BYTES.check(bytes);
            return this;
        }

        /**
         * The share of a destination's calls that replaying the spool may take while live events are waiting, in
         * percent (default 50: every other call; 1 to 90). With no live events waiting, the replay takes every call.
         */
        public Builder replaySharePercent(int percent) {
            this.replaySharePercent = ClientSettings.REPLAY_SHARE_PERCENT.check(percent);
            return this;
        }

        /** The in-memory queue's bound in events (default 100,000). */
        public Builder queueCapacity(int events) {
            this.queueCapacity = ClientSettings.QUEUE_CAPACITY.check(events);
            return this;
        }

        /** The in-memory queue's bound in estimated bytes (default 64 MiB). */
        public Builder queueMaxBytes(long bytes) {
            this.queueMaxBytes = ClientSettings.QUEUE_MAX_BYTES.check(bytes);
            return this;
        }

        public Builder overflowPolicy(OverflowPolicy policy) {
            this.overflowPolicy = ClientSettings.OVERFLOW_POLICY.check(policy);
            return this;
        }

        /** How long {@link OverflowPolicy#BLOCK} waits for room (default 100 ms). */
        public Builder blockTimeout(Duration timeout) {
            this.blockTimeout = ClientSettings.BLOCK_TIMEOUT.check(timeout);
            return this;
        }

        /** How long a batch may wait to fill before it is sent (default 500 ms). */
        public Builder linger(Duration linger) {
            this.linger = ClientSettings.LINGER.check(linger);
            return this;
        }

        /** Encoded bytes that make a batch worth sending before the linger time (default 4 MiB). */
        public Builder batchBytes(long bytes) {
            this.batchBytes = ClientSettings.BATCH_BYTES.check(bytes);
            return this;
        }

        /** How long an event may be retried before it goes to the backup (default 60 s). */
        public Builder recordTtl(Duration ttl) {
            this.recordTtl = ClientSettings.RECORD_TTL.check(ttl);
            return this;
        }

        public Builder retryBackoff(Duration initial, Duration max) {
            return retryInitialBackoff(initial).retryMaxBackoff(max);
        }

        /** The first retry's delay (default 100 ms; exponential, full jitter). */
        public Builder retryInitialBackoff(Duration initial) {
            this.retryInitialBackoff = ClientSettings.RETRY_INITIAL_BACKOFF.check(initial);
            return this;
        }

        /** The longest retry delay (default 5 s). */
        public Builder retryMaxBackoff(Duration max) {
            this.retryMaxBackoff = ClientSettings.RETRY_MAX_BACKOFF.check(max);
            return this;
        }

        /**
         * Bytes a destination may hold pending before the excess is spooled (default 16 MiB; at least twice
         * {@link #batchBytes}, which it is raised to otherwise).
         */
        public Builder channelMaxBytes(long bytes) {
            this.channelMaxBytes = ClientSettings.CHANNEL_MAX_BYTES.check(bytes);
            return this;
        }

        /** Sets any setting by its description ({@link ClientSettings}); the text surfaces use it. */
        public <T> Builder set(Setting<T> setting, T value) {
            ClientSettings.apply(this, setting, value);
            return this;
        }

        public Builder circuitBreaker(BreakerSettings settings) {
            this.breaker = Objects.requireNonNull(settings, "circuit breaker settings");
            return this;
        }

        Builder breakerWindowCalls(int calls) {
            return circuitBreaker(new BreakerSettings(calls, breaker.minimumCalls(), breaker.failureRatePercent(),
                    breaker.openDuration()));
        }

        Builder breakerMinimumCalls(int calls) {
            return circuitBreaker(new BreakerSettings(breaker.windowCalls(), calls, breaker.failureRatePercent(),
                    breaker.openDuration()));
        }

        Builder breakerFailureRatePercent(float percent) {
            return circuitBreaker(new BreakerSettings(breaker.windowCalls(), breaker.minimumCalls(), percent,
                    breaker.openDuration()));
        }

        Builder breakerOpenDuration(Duration open) {
            return circuitBreaker(new BreakerSettings(breaker.windowCalls(), breaker.minimumCalls(),
                    breaker.failureRatePercent(), open));
        }

        /**
         * How partition keys are chosen (default {@link PartitionKeyStrategy#RANDOM}: densest packing, no hot
         * shards; choose SESSION, USER or ORDER when consumers need those events in order).
         */
        public Builder partitionKey(PartitionKeyStrategy strategy) {
            this.partitionKeyStrategy = ClientSettings.PARTITION_KEY.check(strategy);
            return this;
        }

        /**
         * Hash partition keys into this many buckets (default 64), so that events of many sessions pack into the same
         * records while each session keeps one key; 0 sends raw ids as keys.
         */
        public Builder keyBuckets(int buckets) {
            this.keyBuckets = ClientSettings.KEY_BUCKETS.check(buckets);
            return this;
        }

        /** Compress each Kinesis/Firehose record with gzip (readers detect it by its magic bytes). */
        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        /** Bytes a Kinesis record is packed up to (default 25,000: one PUT payload unit). */
        public Builder kinesisRecordBytes(int bytes) {
            this.kinesisRecordBytes = ClientSettings.KINESIS_RECORD_BYTES.check(bytes);
            return this;
        }

        /** Bytes a Firehose record is packed up to (default 500 KiB). */
        public Builder firehoseRecordBytes(int bytes) {
            this.firehoseRecordBytes = ClientSettings.FIREHOSE_RECORD_BYTES.check(bytes);
            return this;
        }

        /**
         * What personal data is removed before events leave the process (default: card numbers, found by the Luhn
         * check; {@code PiiRedactor.of(true, true, true)} adds e-mail addresses and IP truncation).
         */
        public Builder redaction(PiiRedactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** Names this process in object keys (default host-pid). */
        public Builder producerId(String producerId) {
            this.producerId = ClientSettings.PRODUCER_ID.check(producerId).trim();
            return this;
        }

        public Builder listener(DeliveryListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Whether a JVM shutdown hook closes the client (default true). */
        public Builder shutdownHook(boolean register) {
            this.shutdownHook = register;
            return this;
        }

        /** The deadline {@link EcomlogClient#close()} and the shutdown hook keep (default 5 s). */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = ClientSettings.CLOSE_TIMEOUT.check(timeout);
            return this;
        }

        public EcomlogClient build() {
            if (retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
                throw new IllegalArgumentException("retry max backoff (" + retryMaxBackoff
                        + ") must not be shorter than the initial backoff (" + retryInitialBackoff + ")");
            }
            var producer = producerId != null ? producerId : defaultProducerId();
            var resolved = destinations.stream().map(factory -> factory.apply(producer)).toList();
            var names = resolved.stream().map(Destination::name).toList();
            if (names.stream().distinct().count() != names.size()) {
                throw new IllegalArgumentException("two destinations share a name: " + names);
            }
            return new EcomlogClient(new Builder(this), resolved, producer);
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must be set");
            }
            return value;
        }
    }
}
