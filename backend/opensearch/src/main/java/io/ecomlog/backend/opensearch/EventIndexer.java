package io.ecomlog.backend.opensearch;

import io.ecomlog.applog.StructuredLog;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import org.opensearch.client.opensearch.OpenSearchClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What both handlers share: events to documents, the bulk indexer, the dead letters and the one-time cluster setup.
 * Built once per Lambda container; thread-safe as Lambda uses it (one invocation at a time).
 */
public final class EventIndexer {

    private final IndexerConfig config;
    private final OpenSearchClient client;
    private final EventCodec codec;
    private final DailyIndex daily;
    private final BulkIndexer bulk;
    private final Supplier<S3Client> s3;
    private final DeadLetters deadLetters;
    private final StructuredLog log;
    private final AtomicBoolean setUp = new AtomicBoolean();

    /**
     * @param s3 the S3 client, asked for when first needed: the Kinesis function needs it only for dead letters, and
     *           building it is most of a cold start (1.5 s of 2 here)
     */
    public EventIndexer(IndexerConfig config, OpenSearchClient client, Supplier<S3Client> s3,
                        BulkIndexer.Sleeper sleeper, StructuredLog log) {
        this(config, client, s3, DeadLetters.s3(s3, config.deadLetterBucket()), sleeper, log);
    }

    /** With dead letters written to {@code deadLetterStore} instead of the configured bucket (local mode). */
    public EventIndexer(IndexerConfig config, OpenSearchClient client, Supplier<S3Client> s3,
                        DeadLetters.Store deadLetterStore, BulkIndexer.Sleeper sleeper, StructuredLog log) {
        this.config = config;
        this.client = client;
        this.codec = new EventCodec();
        this.daily = new DailyIndex(config.indexPrefix());
        this.bulk = new BulkIndexer(client, config.bulk(), sleeper);
        this.s3 = s3;
        this.deadLetters = new DeadLetters(deadLetterStore, config.deadLetterPrefix(), Clock.systemUTC());
        this.log = log;
    }

    /** Installs the template and ISM policy on the first call when {@code OPENSEARCH_SETUP} is on; then nothing. */
    public void setUpOnce() {
        if (!config.setup() || setUp.get()) {
            return;
        }
        synchronized (setUp) {
            if (!setUp.get()) {
                var outcome = new ClusterSetup(client).install(daily, config.replicas(), config.retentionDays());
                log.info("cluster set up", Map.of("template", outcome.template(), "ism_policy", outcome.ism()));
                setUp.set(true);
            }
        }
    }

    public IndexDocument document(EcomEvent event, String origin) {
        return new IndexDocument(event.eventId().toString(), daily.of(event.eventTime()), codec.encode(event),
                origin);
    }

    public BulkIndexer bulk() {
        return bulk;
    }

    /** The S3 client of the processed objects and the dead letters. */
    public S3Client s3() {
        return s3.get();
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public EventCodec codec() {
        return codec;
    }

    public IndexerConfig config() {
        return config;
    }

    public StructuredLog log() {
        return log;
    }
}
