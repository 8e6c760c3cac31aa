package io.ecomlog.kpl;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The settings of a {@link KplDestination}: the Kinesis Producer Library settings that matter for ecomlog, plus how the
 * destination packs events and bounds what is in flight. Immutable; build with {@link #builder(String)}.
 *
 * <p>KPL settings left unset keep the KPL's own default (listed per setter; they are those of KPL 1.1.1):
 *
 * <table>
 * <caption>KPL defaults</caption>
 * <tr><th>setting</th><th>KPL default</th></tr>
 * <tr><td>AggregationEnabled</td><td>true</td></tr>
 * <tr><td>AggregationMaxCount</td><td>4294967295</td></tr>
 * <tr><td>AggregationMaxSize</td><td>51200 bytes</td></tr>
 * <tr><td>RecordMaxBufferedTime</td><td>100 ms</td></tr>
 * <tr><td>RecordTtl</td><td>30000 ms</td></tr>
 * <tr><td>RateLimit</td><td>150 (% of a shard's limit)</td></tr>
 * <tr><td>MaxConnections</td><td>24</td></tr>
 * <tr><td>RequestTimeout</td><td>6000 ms</td></tr>
 * <tr><td>KinesisEndpoint / KinesisPort</td><td>the region's endpoint / 443</td></tr>
 * <tr><td>VerifyCertificate</td><td>true</td></tr>
 * <tr><td>MetricsLevel</td><td>detailed (uploads to CloudWatch)</td></tr>
 * <tr><td>Region</td><td>from the environment / instance metadata</td></tr>
 * <tr><td>CredentialsProvider</td><td>the SDK v2 default chain</td></tr>
 * </table>
 *
 * <p>ecomlog's own settings: {@link Builder#packing(boolean) packing} (default on: NDJSON records of up to
 * {@link Builder#packedRecordBytes(int) 25,000 bytes}, which the KPL then aggregates further),
 * {@link Builder#maxOutstandingRecords(int) maxOutstandingRecords} (default 10,000) with
 * {@link Builder#backpressureWait(Duration) backpressureWait} (default 1 s), {@link Builder#deliveryTimeout(Duration)
 * deliveryTimeout} (default: RecordTtl + RequestTimeout + 5 s) and {@link Builder#closeTimeout(Duration) closeTimeout}
 * (default 5 s).
 */
public final class KplSettings {

    private final String streamName;
    private final boolean packing;
    private final int packedRecordBytes;
    private final boolean gzip;
    private final int maxOutstandingRecords;
    private final long maxOutstandingBytes;
    private final Duration backpressureWait;
    private final Duration deliveryTimeout;
    private final Duration closeTimeout;
    private final Boolean aggregationEnabled;
    private final Long aggregationMaxSize;
    private final Long aggregationMaxCount;
    private final Long recordMaxBufferedTimeMillis;
    private final Long recordTtlMillis;
    private final Long rateLimit;
    private final Long maxConnections;
    private final Long requestTimeoutMillis;
    private final String kinesisEndpoint;
    private final Long kinesisPort;
    private final String cloudwatchEndpoint;
    private final Long cloudwatchPort;
    private final String stsEndpoint;
    private final Long stsPort;
    private final Boolean verifyCertificate;
    private final String metricsLevel;
    private final String logLevel;
    private final String region;
    private final AwsCredentialsProvider credentialsProvider;
    private final Consumer<KinesisProducerConfiguration> customizer;

    private KplSettings(Builder b) {
        this.streamName = b.streamName;
        this.packing = b.packing;
        this.packedRecordBytes = b.packedRecordBytes;
        this.gzip = b.gzip;
        this.maxOutstandingRecords = b.maxOutstandingRecords;
        this.maxOutstandingBytes = b.maxOutstandingBytes;
        this.backpressureWait = b.backpressureWait;
        this.closeTimeout = b.closeTimeout;
        this.aggregationEnabled = b.aggregationEnabled;
        this.aggregationMaxSize = b.aggregationMaxSize;
        this.aggregationMaxCount = b.aggregationMaxCount;
        this.recordMaxBufferedTimeMillis = b.recordMaxBufferedTimeMillis;
        this.recordTtlMillis = b.recordTtlMillis;
        this.rateLimit = b.rateLimit;
        this.maxConnections = b.maxConnections;
        this.requestTimeoutMillis = b.requestTimeoutMillis;
        this.kinesisEndpoint = b.kinesisEndpoint;
        this.kinesisPort = b.kinesisPort;
        this.cloudwatchEndpoint = b.cloudwatchEndpoint;
        this.cloudwatchPort = b.cloudwatchPort;
        this.stsEndpoint = b.stsEndpoint;
        this.stsPort = b.stsPort;
        this.verifyCertificate = b.verifyCertificate;
        this.metricsLevel = b.metricsLevel;
        this.logLevel = b.logLevel;
        this.region = b.region;
        this.credentialsProvider = b.credentialsProvider;
        this.customizer = b.customizer;
        if (b.deliveryTimeout != null) {
            this.deliveryTimeout = b.deliveryTimeout;
        } else {
            long ttl = recordTtlMillis != null ? recordTtlMillis : KPL_DEFAULT_RECORD_TTL_MILLIS;
            long request = requestTimeoutMillis != null ? requestTimeoutMillis : KPL_DEFAULT_REQUEST_TIMEOUT_MILLIS;
            this.deliveryTimeout = Duration.ofMillis(ttl + request + 5_000);
        }
    }

    /** The KPL's default RecordTtl (30 s). */
    public static final long KPL_DEFAULT_RECORD_TTL_MILLIS = 30_000;
    /** The KPL's default RequestTimeout (6 s). */
    public static final long KPL_DEFAULT_REQUEST_TIMEOUT_MILLIS = 6_000;

    /** Settings for a KPL destination writing to {@code streamName}. */
    public static Builder builder(String streamName) {
        return new Builder(streamName);
    }

    public String streamName() {
        return streamName;
    }

    public boolean packing() {
        return packing;
    }

    public int packedRecordBytes() {
        return packedRecordBytes;
    }

    public boolean gzip() {
        return gzip;
    }

    public int maxOutstandingRecords() {
        return maxOutstandingRecords;
    }

    public long maxOutstandingBytes() {
        return maxOutstandingBytes;
    }

    public Duration backpressureWait() {
        return backpressureWait;
    }

    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** Whether the KPL aggregates (its default, true, unless set otherwise). */
    public boolean aggregationEnabled() {
        return aggregationEnabled == null || aggregationEnabled;
    }

    /**
     * A new KPL configuration with these settings; everything not set keeps the KPL's default. Nothing else is
     * changed: set the endpoints and credentials you need.
     */
    public KinesisProducerConfiguration toConfiguration() {
        var c = new KinesisProducerConfiguration();
        if (aggregationEnabled != null) {
            c.setAggregationEnabled(aggregationEnabled);
        }
        if (aggregationMaxSize != null) {
            c.setAggregationMaxSize(aggregationMaxSize);
        }
        if (aggregationMaxCount != null) {
            c.setAggregationMaxCount(aggregationMaxCount);
        }
        if (recordMaxBufferedTimeMillis != null) {
            c.setRecordMaxBufferedTime(recordMaxBufferedTimeMillis);
        }
        if (recordTtlMillis != null) {
            c.setRecordTtl(recordTtlMillis);
        }
        if (rateLimit != null) {
            c.setRateLimit(rateLimit);
        }
        if (maxConnections != null) {
            c.setMaxConnections(maxConnections);
        }
        if (requestTimeoutMillis != null) {
            c.setRequestTimeout(requestTimeoutMillis);
        }
        if (kinesisEndpoint != null) {
            c.setKinesisEndpoint(kinesisEndpoint);
        }
        if (kinesisPort != null) {
            c.setKinesisPort(kinesisPort);
        }
        if (cloudwatchEndpoint != null) {
            c.setCloudwatchEndpoint(cloudwatchEndpoint);
        }
        if (cloudwatchPort != null) {
            c.setCloudwatchPort(cloudwatchPort);
        }
        if (stsEndpoint != null) {
            c.setStsEndpoint(stsEndpoint);
        }
        if (stsPort != null) {
            c.setStsPort(stsPort);
        }
        if (verifyCertificate != null) {
            c.setVerifyCertificate(verifyCertificate);
        }
        if (metricsLevel != null) {
            c.setMetricsLevel(metricsLevel);
        }
        if (logLevel != null) {
            c.setLogLevel(logLevel);
        }
        if (region != null) {
            c.setRegion(region);
        }
        if (credentialsProvider != null) {
            c.setCredentialsProvider(credentialsProvider);
            c.setMetricsCredentialsProvider(credentialsProvider);
        }
        if (customizer != null) {
            customizer.accept(c);
        }
        return c;
    }

    /** Builds {@link KplSettings}; every setting has a default. */
    public static final class Builder {
        private final String streamName;
        private boolean packing = true;
        private int packedRecordBytes = 25_000;
        private boolean gzip;
        private int maxOutstandingRecords = 10_000;
        private long maxOutstandingBytes = 64L * 1024 * 1024;
        private Duration backpressureWait = Duration.ofSeconds(1);
        private Duration deliveryTimeout;
        private Duration closeTimeout = Duration.ofSeconds(5);
        private Boolean aggregationEnabled;
        private Long aggregationMaxSize;
        private Long aggregationMaxCount;
        private Long recordMaxBufferedTimeMillis;
        private Long recordTtlMillis;
        private Long rateLimit;
        private Long maxConnections;
        private Long requestTimeoutMillis;
        private String kinesisEndpoint;
        private Long kinesisPort;
        private String cloudwatchEndpoint;
        private Long cloudwatchPort;
        private String stsEndpoint;
        private Long stsPort;
        private Boolean verifyCertificate;
        private String metricsLevel;
        private String logLevel;
        private String region;
        private AwsCredentialsProvider credentialsProvider;
        private Consumer<KinesisProducerConfiguration> customizer;

        private Builder(String streamName) {
            this.streamName = Objects.requireNonNull(streamName, "streamName");
            if (streamName.isBlank()) {
                throw new IllegalArgumentException("streamName must not be blank");
            }
        }

        /**
         * {@code true} (default): events are packed into NDJSON user records ({@code RecordPacker}, by partition key)
         * which the KPL aggregates further; {@code false}: one event per user record, the KPL alone aggregates.
         */
        public Builder packing(boolean packing) {
            this.packing = packing;
            return this;
        }

        /** Bytes a packed user record is filled up to (default 25,000, one PUT payload unit; at most 1 MiB). */
        public Builder packedRecordBytes(int bytes) {
            if (bytes <= 0 || bytes > KplDestination.MAX_USER_RECORD_BYTES) {
                throw new IllegalArgumentException("packedRecordBytes must be between 1 and "
                        + KplDestination.MAX_USER_RECORD_BYTES + ", was " + bytes);
            }
            this.packedRecordBytes = bytes;
            return this;
        }

        /** Gzip each packed user record (default false); readers detect it by its magic bytes. */
        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        /**
         * Back-pressure: while the KPL holds more than this many user records (default 10,000), adding waits up to
         * {@link #backpressureWait}; what still does not fit is reported THROTTLED to the pipeline.
         */
        public Builder maxOutstandingRecords(int records) {
            if (records <= 0) {
                throw new IllegalArgumentException("maxOutstandingRecords must be positive, was " + records);
            }
            this.maxOutstandingRecords = records;
            return this;
        }

        /** Back-pressure by bytes this destination has handed to the KPL and not seen completed (default 64 MiB). */
        public Builder maxOutstandingBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxOutstandingBytes must be positive, was " + bytes);
            }
            this.maxOutstandingBytes = bytes;
            return this;
        }

        /** How long adding waits for room under the outstanding bounds before reporting THROTTLED (default 1 s). */
        public Builder backpressureWait(Duration wait) {
            this.backpressureWait = nonNegative(wait, "backpressureWait");
            return this;
        }

        /**
         * How long one delivery waits for the KPL's results of its records (default RecordTtl + RequestTimeout + 5 s,
         * so the KPL's own expiry answers first). Records without a result by then are reported as NETWORK failures.
         */
        public Builder deliveryTimeout(Duration timeout) {
            this.deliveryTimeout = nonNegative(timeout, "deliveryTimeout");
            return this;
        }

        /** How long {@link KplDestination#close()} waits for a flush of what the KPL holds (default 5 s). */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = nonNegative(timeout, "closeTimeout");
            return this;
        }

        /** KPL AggregationEnabled (KPL default true). */
        public Builder aggregationEnabled(boolean enabled) {
            this.aggregationEnabled = enabled;
            return this;
        }

        /** KPL AggregationMaxSize in bytes (KPL default 51,200; 64 to 1,048,576). */
        public Builder aggregationMaxSize(long bytes) {
            this.aggregationMaxSize = bytes;
            return this;
        }

        /** KPL AggregationMaxCount (KPL default 4,294,967,295). */
        public Builder aggregationMaxCount(long count) {
            this.aggregationMaxCount = count;
            return this;
        }

        /** KPL RecordMaxBufferedTime: how long a record may wait to be batched (KPL default 100 ms). */
        public Builder recordMaxBufferedTime(Duration time) {
            this.recordMaxBufferedTimeMillis = nonNegative(time, "recordMaxBufferedTime").toMillis();
            return this;
        }

        /** KPL RecordTtl: after this a record the KPL could not send fails as expired (KPL default 30 s). */
        public Builder recordTtl(Duration ttl) {
            this.recordTtlMillis = nonNegative(ttl, "recordTtl").toMillis();
            return this;
        }

        /** KPL RateLimit, in % of a shard's limit per producer (KPL default 150). */
        public Builder rateLimit(long percent) {
            this.rateLimit = percent;
            return this;
        }

        /** KPL MaxConnections (KPL default 24). */
        public Builder maxConnections(long connections) {
            this.maxConnections = connections;
            return this;
        }

        /** KPL RequestTimeout (KPL default 6 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeoutMillis = nonNegative(timeout, "requestTimeout").toMillis();
            return this;
        }

        /** KPL KinesisEndpoint (a host name, no scheme) and KinesisPort (KPL default: the region's endpoint, 443). */
        public Builder kinesisEndpoint(String host, long port) {
            this.kinesisEndpoint = Objects.requireNonNull(host, "host");
            this.kinesisPort = port;
            return this;
        }

        /** KPL CloudwatchEndpoint and CloudwatchPort (KPL default: the region's endpoint, 443). */
        public Builder cloudwatchEndpoint(String host, long port) {
            this.cloudwatchEndpoint = Objects.requireNonNull(host, "host");
            this.cloudwatchPort = port;
            return this;
        }

        /** KPL StsEndpoint and StsPort (KPL default: the region's endpoint, 443). */
        public Builder stsEndpoint(String host, long port) {
            this.stsEndpoint = Objects.requireNonNull(host, "host");
            this.stsPort = port;
            return this;
        }

        /** KPL VerifyCertificate (KPL default true; false only for test stand-ins with self-signed certificates). */
        public Builder verifyCertificate(boolean verify) {
            this.verifyCertificate = verify;
            return this;
        }

        /** KPL MetricsLevel: {@code none}, {@code summary} or {@code detailed} (KPL default detailed). */
        public Builder metricsLevel(String level) {
            this.metricsLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /** KPL LogLevel of the native daemon: {@code info}, {@code warning}, {@code error} (KPL default info). */
        public Builder logLevel(String level) {
            this.logLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /** KPL Region (KPL default: from the environment or instance metadata). */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** Credentials for Kinesis and CloudWatch metrics (KPL default: the SDK v2 default chain). */
        public Builder credentialsProvider(AwsCredentialsProvider provider) {
            this.credentialsProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** Any other KPL setting, applied last to each new {@link KinesisProducerConfiguration}. */
        public Builder configure(Consumer<KinesisProducerConfiguration> customizer) {
            this.customizer = customizer;
            return this;
        }

        public KplSettings build() {
            return new KplSettings(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, was " + d);
            }
            return d;
        }
    }
}
