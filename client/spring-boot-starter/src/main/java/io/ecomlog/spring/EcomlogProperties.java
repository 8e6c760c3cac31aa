package io.ecomlog.spring;

import io.ecomlog.pipeline.ClientSettings;
import io.ecomlog.pipeline.OverflowPolicy;
import io.ecomlog.pipeline.PartitionKeyStrategy;
import io.ecomlog.spring.web.RequestLoggingProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ecomlog.*} properties: every setting of {@link io.ecomlog.pipeline.EcomlogClient.Builder}, plus the AWS
 * clients the starter builds when the application has none, and the servlet request logging. Defaults are the core's.
 * Durations take {@code 500ms}, {@code 5s}, {@code PT5S}; sizes take {@code 4MB}, {@code 512KB} or bytes.
 */
@ConfigurationProperties(prefix = "ecomlog")
public class EcomlogProperties {

    /** Whether the ecomlog client (and its health indicator, meters and request logging) is auto-configured. */
    private boolean enabled = true;

    /**
     * Gzip each Kinesis/Firehose record (readers detect it by its magic bytes).
     */
    private boolean gzip = ClientSettings.GZIP.defaultValue();

    /**
     * How partition keys are chosen: RANDOM packs densest and spreads load; SESSION, USER or ORDER keep those events
     * in order.
     */
    private PartitionKeyStrategy partitionKey = ClientSettings.PARTITION_KEY.defaultValue();

    /** Hash partition keys into this many bucket keys, so records still pack well; 0 sends raw ids as keys. */
    private int keyBuckets = ClientSettings.KEY_BUCKETS.defaultValue();

    /** How long a batch may wait to fill before it is sent. */
    private Duration linger = ClientSettings.LINGER.defaultValue();

    /** Encoded bytes that make a batch worth sending before the linger time. */
    private DataSize batchSize = DataSize.ofBytes(ClientSettings.BATCH_BYTES.defaultValue());
    /** Bytes a destination may hold pending (at least twice batch-size); the excess is spooled. */
    private DataSize channelMaxSize = DataSize.ofBytes(ClientSettings.CHANNEL_MAX_BYTES.defaultValue());

    /** How long an event may be retried before it falls back to the S3 backup (or the spool). */
    private Duration recordTtl = ClientSettings.RECORD_TTL.defaultValue();

    /**
     * How long closing the client (when the application context closes) may take to deliver or secure on disk what it
     * still holds.
     */
    private Duration closeTimeout = ClientSettings.CLOSE_TIMEOUT.defaultValue();

    /** Names this process in object keys; default host-pid. */
    private String producerId;

    private final Kinesis kinesis = new Kinesis();
    private final Firehose firehose = new Firehose();
    private final S3Backup s3Backup = new S3Backup();
    private final LocalLake localLake = new LocalLake();
    private final Spool spool = new Spool();
    private final Queue queue = new Queue();
    private final Retry retry = new Retry();
    private final Breaker breaker = new Breaker();
    private final Aws aws = new Aws();
    private final Health health = new Health();
    @NestedConfigurationProperty
    private final RequestLoggingProperties web = new RequestLoggingProperties();
    private final Redaction redaction = new Redaction();

    /** Personal data removed from every event before it leaves the process (typed events and request logging). */
    public static class Redaction {
        /** Replace payment card numbers (Luhn-checked, not in *_id fields) by their last four digits. */
        private boolean cards = true;
        /** Replace e-mail addresses. */
        private boolean emails = false;
        /** Replace the last octet of IPv4 addresses by 0. */
        private boolean truncateIps = false;

        public boolean isCards() { return cards; }
        public void setCards(boolean cards) { this.cards = cards; }
        public boolean isEmails() { return emails; }
        public void setEmails(boolean emails) { this.emails = emails; }
        public boolean isTruncateIps() { return truncateIps; }
        public void setTruncateIps(boolean truncateIps) { this.truncateIps = truncateIps; }
    }

    /** Kinesis Data Streams as a destination (PutRecords). */
    public static class Kinesis {
        /** The Kinesis data stream events are sent to. */
        private String stream;
        /** Bytes a Kinesis record is packed up to (default one PUT payload unit, 25,000 bytes). */
        private DataSize recordSize = DataSize.ofBytes(ClientSettings.KINESIS_RECORD_BYTES.defaultValue());

        public String getStream() { return stream; }
        public void setStream(String stream) { this.stream = stream; }
        public DataSize getRecordSize() { return recordSize; }
        public void setRecordSize(DataSize recordSize) { this.recordSize = recordSize; }
    }

    /** Data Firehose as a destination (PutRecordBatch). */
    public static class Firehose {
        /** The Firehose delivery stream events are sent to. */
        private String stream;
        /** Bytes a Firehose record is packed up to. */
        private DataSize recordSize = DataSize.ofBytes(ClientSettings.FIREHOSE_RECORD_BYTES.defaultValue());

        public String getStream() { return stream; }
        public void setStream(String stream) { this.stream = stream; }
        public DataSize getRecordSize() { return recordSize; }
        public void setRecordSize(DataSize recordSize) { this.recordSize = recordSize; }
    }

    /** Where batches go when their destination fails. */
    public static class S3Backup {
        /** The S3 bucket for failed batches; none by default. */
        private String bucket;
        /** The key prefix in the backup bucket. */
        private String prefix = "backup";

        public String getBucket() { return bucket; }
        public void setBucket(String bucket) { this.bucket = bucket; }
        public String getPrefix() { return prefix; }
        public void setPrefix(String prefix) { this.prefix = prefix; }
    }

    /** The local data lake (the S3 layout in a folder) as a destination. */
    public static class LocalLake {
        /**
         * Folder of the local data lake. When no destination at all is set, the core writes to ./ecomlog-lake.
         */
        private Path directory;

        public Path getDirectory() { return directory; }
        public void setDirectory(Path directory) { this.directory = directory; }
    }

    /** The bounded disk spool: the last resort, replayed at start-up and when the destination recovers. */
    public static class Spool {
        /** Whether events that neither the destination nor the backup took are kept on disk and replayed. */
        private boolean enabled = true;
        /**
         * Folder of the disk spool (one sub-folder per destination); by default
         * {@code ~/.ecomlog/spool/<spring.application.name>/<producer-id or host>} (root: -Decomlog.spool.root).
         */
        private Path directory;
        /** Bytes the spool may hold per destination. */
        private DataSize maxSize = DataSize.ofBytes(ClientSettings.SPOOL_MAX_BYTES.defaultValue());
        /** Spooled batches are coalesced into files of about this size (compressed); 0 writes one file per batch. */
        private DataSize segmentSize = DataSize.ofBytes(ClientSettings.SPOOL_SEGMENT_BYTES.defaultValue());
        /** Percent of a destination's calls the replay may take while live events wait (1-90). */
        private int replaySharePercent = ClientSettings.REPLAY_SHARE_PERCENT.defaultValue();

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public Path getDirectory() { return directory; }
        public void setDirectory(Path directory) { this.directory = directory; }
        public DataSize getSegmentSize() { return segmentSize; }
        public void setSegmentSize(DataSize segmentSize) { this.segmentSize = segmentSize; }
        public int getReplaySharePercent() { return replaySharePercent; }
        public void setReplaySharePercent(int replaySharePercent) { this.replaySharePercent = replaySharePercent; }
        public DataSize getMaxSize() { return maxSize; }
        public void setMaxSize(DataSize maxSize) { this.maxSize = maxSize; }
    }

    /** The in-memory queue between the request threads and the sender. */
    public static class Queue {
        /** The queue's bound in events. */
        private int capacity = ClientSettings.QUEUE_CAPACITY.defaultValue();
        /** The queue's bound in estimated bytes. */
        private DataSize maxSize = DataSize.ofBytes(ClientSettings.QUEUE_MAX_BYTES.defaultValue());
        /** What a full queue does: DROP_NEWEST, DROP_OLDEST or BLOCK (for up to block-timeout). */
        private OverflowPolicy overflowPolicy = ClientSettings.OVERFLOW_POLICY.defaultValue();
        /** How long the BLOCK overflow policy waits for room. */
        private Duration blockTimeout = ClientSettings.BLOCK_TIMEOUT.defaultValue();

        public int getCapacity() { return capacity; }
        public void setCapacity(int capacity) { this.capacity = capacity; }
        public DataSize getMaxSize() { return maxSize; }
        public void setMaxSize(DataSize maxSize) { this.maxSize = maxSize; }
        public OverflowPolicy getOverflowPolicy() { return overflowPolicy; }
        public void setOverflowPolicy(OverflowPolicy overflowPolicy) { this.overflowPolicy = overflowPolicy; }
        public Duration getBlockTimeout() { return blockTimeout; }
        public void setBlockTimeout(Duration blockTimeout) { this.blockTimeout = blockTimeout; }
    }

    /** Retries of failed entries: exponential backoff with full jitter. */
    public static class Retry {
        /** The first retry's backoff ceiling. */
        private Duration initialBackoff = ClientSettings.RETRY_INITIAL_BACKOFF.defaultValue();
        /** The largest backoff ceiling. */
        private Duration maxBackoff = ClientSettings.RETRY_MAX_BACKOFF.defaultValue();

        public Duration getInitialBackoff() { return initialBackoff; }
        public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
        public Duration getMaxBackoff() { return maxBackoff; }
        public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
    }

    /** The circuit breaker each destination gets. */
    public static class Breaker {
        /** How many of the last calls the failure rate is taken over. */
        private int windowCalls = ClientSettings.BREAKER_WINDOW_CALLS.defaultValue();
        /** Calls needed before the breaker may open. */
        private int minimumCalls = ClientSettings.BREAKER_MINIMUM_CALLS.defaultValue();
        /** Failure rate (percent of calls failed as a whole) at which the breaker opens. */
        private float failureRatePercent = ClientSettings.BREAKER_FAILURE_RATE_PERCENT.defaultValue();
        /** How long the breaker stays open before one probe call is let through. */
        private Duration openDuration = ClientSettings.BREAKER_OPEN_DURATION.defaultValue();

        public int getWindowCalls() { return windowCalls; }
        public void setWindowCalls(int windowCalls) { this.windowCalls = windowCalls; }
        public int getMinimumCalls() { return minimumCalls; }
        public void setMinimumCalls(int minimumCalls) { this.minimumCalls = minimumCalls; }
        public float getFailureRatePercent() { return failureRatePercent; }
        public void setFailureRatePercent(float failureRatePercent) { this.failureRatePercent = failureRatePercent; }
        public Duration getOpenDuration() { return openDuration; }
        public void setOpenDuration(Duration openDuration) { this.openDuration = openDuration; }
    }

    /**
     * The AWS SDK clients. The application's KinesisClient, FirehoseClient and S3Client beans are used when present;
     * only the clients the starter builds itself use these settings (and the application's AwsCredentialsProvider
     * bean, or the SDK's default credential chain).
     */
    public static class Aws {
        /** Whether the application's KinesisClient, FirehoseClient and S3Client beans are used when present. */
        private boolean useApplicationClients = true;
        /** AWS region of the clients the starter builds; default: the SDK's region chain. */
        private String region;
        /** Endpoint override for every client the starter builds (a local stand-in, a VPC endpoint). */
        private URI endpoint;
        /** Endpoint override for Kinesis only; default: endpoint. */
        private URI kinesisEndpoint;
        /** Endpoint override for Firehose only; default: endpoint. */
        private URI firehoseEndpoint;
        /** Endpoint override for S3 only (path-style access is then used); default: endpoint. */
        private URI s3Endpoint;

        public boolean isUseApplicationClients() { return useApplicationClients; }
        public void setUseApplicationClients(boolean v) { this.useApplicationClients = v; }
        public String getRegion() { return region; }
        public void setRegion(String region) { this.region = region; }
        public URI getEndpoint() { return endpoint; }
        public void setEndpoint(URI endpoint) { this.endpoint = endpoint; }
        public URI getKinesisEndpoint() { return kinesisEndpoint; }
        public void setKinesisEndpoint(URI kinesisEndpoint) { this.kinesisEndpoint = kinesisEndpoint; }
        public URI getFirehoseEndpoint() { return firehoseEndpoint; }
        public void setFirehoseEndpoint(URI firehoseEndpoint) { this.firehoseEndpoint = firehoseEndpoint; }
        public URI getS3Endpoint() { return s3Endpoint; }
        public void setS3Endpoint(URI s3Endpoint) { this.s3Endpoint = s3Endpoint; }
    }

    /** What the {@code ecomlog} health indicator reports (switch it off with management.health.ecomlog.enabled). */
    public static class Health {
        /**
         * Status reported when events were dropped (lost) since the last health check, or the client is closed.
         */
        private String lossStatus = "DOWN";
        /**
         * Status reported while a destination's circuit breaker is open, or when events went to the S3 backup or the
         * disk spool since the last health check (nothing lost yet, but the destination is failing).
         */
        private String fallbackStatus = "DEGRADED";

        public String getLossStatus() { return lossStatus; }
        public void setLossStatus(String lossStatus) { this.lossStatus = lossStatus; }
        public String getFallbackStatus() { return fallbackStatus; }
        public void setFallbackStatus(String fallbackStatus) { this.fallbackStatus = fallbackStatus; }
    }


    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public boolean isGzip() { return gzip; }
    public void setGzip(boolean gzip) { this.gzip = gzip; }
    public PartitionKeyStrategy getPartitionKey() { return partitionKey; }
    public void setPartitionKey(PartitionKeyStrategy partitionKey) { this.partitionKey = partitionKey; }
    public int getKeyBuckets() { return keyBuckets; }
    public void setKeyBuckets(int keyBuckets) { this.keyBuckets = keyBuckets; }
    public Duration getLinger() { return linger; }
    public void setLinger(Duration linger) { this.linger = linger; }
    public DataSize getBatchSize() { return batchSize; }
    public void setBatchSize(DataSize batchSize) { this.batchSize = batchSize; }
    public Duration getRecordTtl() { return recordTtl; }
    public void setRecordTtl(Duration recordTtl) { this.recordTtl = recordTtl; }
    public Duration getCloseTimeout() { return closeTimeout; }
    public void setCloseTimeout(Duration closeTimeout) { this.closeTimeout = closeTimeout; }
    public DataSize getChannelMaxSize() { return channelMaxSize; }
    public void setChannelMaxSize(DataSize channelMaxSize) { this.channelMaxSize = channelMaxSize; }
    public String getProducerId() { return producerId; }
    public void setProducerId(String producerId) { this.producerId = producerId; }
    public Kinesis getKinesis() { return kinesis; }
    public Firehose getFirehose() { return firehose; }
    public S3Backup getS3Backup() { return s3Backup; }
    public LocalLake getLocalLake() { return localLake; }
    public Spool getSpool() { return spool; }
    public Queue getQueue() { return queue; }
    public Retry getRetry() { return retry; }
    public Breaker getBreaker() { return breaker; }
    public Aws getAws() { return aws; }
    public Health getHealth() { return health; }
    public RequestLoggingProperties getWeb() { return web; }
    public Redaction getRedaction() { return redaction; }
}
