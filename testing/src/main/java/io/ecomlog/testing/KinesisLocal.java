package io.ecomlog.testing;





import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Kinesis Data Streams stand-in: one <a href="https://github.com/etspaceman/kinesis-mock">kinesis-local</a>
 * (kinesis-mock on Node.js) process per test JVM, started on first use on free ports, stopped by a
 * JVM shutdown hook. It speaks the real Kinesis JSON and CBOR protocols, so tests use real SDK
 * clients against it. It is slow (about 1–2 k records/s): keep streams and record counts small.
 *
 * <p>Started as a {@link NodeStandIn} (the npm package in {@code tools/standins}, output in
 * {@code target/kinesis-local-<port>.log}, stopped with this JVM even on SIGKILL).
 *
 * <p>Besides clients, it offers stream creation that waits for ACTIVE quickly and an independent
 * reader ({@link #readAll(String)}) that pulls every record of a stream with
 * GetShardIterator(TRIM_HORIZON) + GetRecords.
 */
public final class KinesisLocal {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STREAM_ACTIVE_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 100;

    private static final OncePerJvm<KinesisLocal> SHARED = new OncePerJvm<>("kinesis-local", KinesisLocal::start);

    private final NodeStandIn node;
    private final int plainPort;
    private final int tlsPort;
    private final KinesisClient admin;
    private final KinesisClient sharedClient;

    private KinesisLocal(NodeStandIn node, int plainPort, int tlsPort) {
        this.node = node;
        this.plainPort = plainPort;
        this.tlsPort = tlsPort;
        this.admin = newClient((ClientOverrideConfiguration) null);
        this.sharedClient = LocalAws.nonClosing(KinesisClient.class, admin);
    }

    /** The per-JVM instance, started on the first call (≈1–2 s). */
    public static KinesisLocal shared() {
        return SHARED.get();
    }

    /** Plain HTTP endpoint, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return LocalAws.httpEndpoint(plainPort);
    }

    /** Port of the plain HTTP listener. */
    public int plainPort() {
        return plainPort;
    }

    /** Port of the HTTPS listener (self-signed certificate from the package's {@code server.json}). */
    public int tlsPort() {
        return tlsPort;
    }

    /** The file kinesis-local's output goes to. */
    public Path logFile() {
        return node.logFile();
    }

    /**
     * A shared sync client (CBOR, SDK default retries) for this endpoint; {@code close()} on it is a
     * no-op, so it is safe in try-with-resources.
     */
    public KinesisClient client() {
        return sharedClient;
    }

    /** A new CBOR client with the given overrides ({@code null} for none); the caller closes it. */
    public KinesisClient newClient(ClientOverrideConfiguration override) {
        return newClient(KinesisWire.Format.CBOR, override);
    }

    /** A new client speaking {@code format}, with the given overrides ({@code null} for none); the caller closes it. */
    public KinesisClient newClient(KinesisWire.Format format, ClientOverrideConfiguration override) {
        return buildKinesisClient(endpoint(), format, override, null);
    }

    /**
     * A new client speaking {@code format} to this endpoint; {@code customizer} runs after the local
     * defaults (endpoint, credentials, region, Apache HTTP client, empty profile file) and may change
     * anything else. Pass overrides through {@link #newClient(KinesisWire.Format, ClientOverrideConfiguration)}
     * instead of {@code customizer} to keep the empty profile file. The caller closes the client.
     */
    public KinesisClient newClient(KinesisWire.Format format, Consumer<KinesisClientBuilder> customizer) {
        return buildKinesisClient(endpoint(), format, null, customizer);
    }

    static KinesisClient buildKinesisClient(URI endpoint, KinesisWire.Format format,
                                            ClientOverrideConfiguration override,
                                            Consumer<KinesisClientBuilder> customizer) {
        Supplier<KinesisClient> build = () -> {
            KinesisClientBuilder builder = LocalAws.configure(KinesisClient.builder(), endpoint, override);
            if (customizer != null) {
                customizer.accept(builder);
            }
            return builder.build();
        };
        return format == KinesisWire.Format.JSON ? LocalAws.withCborDisabled(build) : build.get();
    }

    /** {@code prefix-<n>-<random>}, unique in this JVM. */
    public String uniqueStreamName(String prefix) {
        return LocalAws.uniqueName(prefix);
    }

    /** Creates a one-shard stream and waits until it is ACTIVE. */
    public void createStream(String name) {
        createStream(name, 1);
    }

    /**
     * Creates a stream with {@code shards} shards (or accepts an existing one) and waits until it is
     * ACTIVE, polling every 100 ms (the SDK waiter would poll every 10 s).
     */
    public void createStream(String name, int shards) {
        long deadline = System.nanoTime() + STREAM_ACTIVE_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.createStream(b -> b.streamName(name).shardCount(shards));
                break;
            } catch (ResourceInUseException alreadyThere) {
                break;
            } catch (LimitExceededException busy) {
                // kinesis-mock limits concurrent CREATING streams and the CreateStream rate
                pause(deadline, "CreateStream of " + name, busy);
            }
        }
        while (true) {
            try {
                StreamStatus status = admin.describeStreamSummary(b -> b.streamName(name))
                        .streamDescriptionSummary().streamStatus();
                if (status == StreamStatus.ACTIVE) {
                    return;
                }
                pause(deadline, "stream " + name + " to become ACTIVE (is " + status + ")", null);
            } catch (LimitExceededException | ResourceNotFoundException notYet) {
                pause(deadline, "stream " + name + " to become ACTIVE", notYet);
            }
        }
    }

    /** Deletes a stream (frees its shards); ignores a stream that does not exist. */
    public void deleteStream(String name) {
        try {
            admin.deleteStream(b -> b.streamName(name).enforceConsumerDeletion(true));
        } catch (ResourceNotFoundException gone) {
            // fine
        }
    }

    /**
     * Reads every record of {@code stream}, independently of any producer code: lists the shards, then
     * for each shard GetShardIterator(TRIM_HORIZON) and GetRecords until caught up (an empty batch with
     * MillisBehindLatest 0, or a closed shard). Records come shard by shard, in sequence order.
     */
    public List<KinesisRecordData> readAll(String stream) {
        long deadline = System.nanoTime() + STREAM_ACTIVE_TIMEOUT.toNanos();
        List<KinesisRecordData> out = new ArrayList<>();
        for (Shard shard : listShards(stream, deadline)) {
            String iterator = admin.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                GetRecordsResponse page;
                try {
                    String current = iterator;
                    page = admin.getRecords(b -> b.shardIterator(current).limit(10_000));
                } catch (ProvisionedThroughputExceededException | LimitExceededException throttled) {
                    pause(deadline, "GetRecords on " + stream, throttled);
                    continue;
                }
                for (Record r : page.records()) {
                    out.add(new KinesisRecordData(shard.shardId(), r.partitionKey(), r.sequenceNumber(),
                            r.data().asByteArray()));
                }
                Long behind = page.millisBehindLatest();
                if (page.records().isEmpty() && (behind == null || behind == 0L)) {
                    break;
                }
                iterator = page.nextShardIterator();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + stream + " took longer than " + STREAM_ACTIVE_TIMEOUT);
                }
            }
        }
        return out;
    }

    /**
     * Polls {@link #readAll(String)} every 100 ms until at least {@code atLeast} records are there
     * and returns them; fails after {@code timeout}.
     */
    public List<KinesisRecordData> awaitRecords(String stream, int atLeast, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<KinesisRecordData> records = readAll(stream);
            if (records.size() >= atLeast) {
                return records;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected at least " + atLeast + " records in " + stream + " within "
                        + timeout + ", found " + records.size());
            }
            NodeStandIn.sleep(POLL_MILLIS);
        }
    }

    private List<Shard> listShards(String stream, long deadline) {
        List<Shard> shards = new ArrayList<>();
        String next = null;
        do {
            ListShardsRequest request = next == null
                    ? ListShardsRequest.builder().streamName(stream).build()
                    : ListShardsRequest.builder().nextToken(next).build();
            ListShardsResponse page;
            try {
                page = admin.listShards(request);
            } catch (LimitExceededException throttled) {
                pause(deadline, "ListShards on " + stream, throttled);
                continue;
            }
            shards.addAll(page.shards());
            next = page.nextToken();
        } while (next != null);
        return shards;
    }

    private static void pause(long deadline, String what, RuntimeException cause) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("timed out waiting for " + what, cause);
        }
        NodeStandIn.sleep(POLL_MILLIS);
    }

    // ---------------------------------------------------------------- process management

    private static KinesisLocal start() {
        int plain = LocalAws.freePort();
        int tls = LocalAws.freePort();
        while (tls == plain) {
            tls = LocalAws.freePort();
        }
        Map<String, String> env = new HashMap<>();
        env.put("KINESIS_MOCK_CERT_PATH",
                NodeStandIn.findPackage("kinesis-local", "main.js").resolve("server.json").toString());
        env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plain));
        env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tls));
        env.put("LOG_LEVEL", "WARN");
        env.put("ROOT_LOG_LEVEL", "ERROR");
        env.put("AWS_REGION", LocalAws.REGION.id());
        env.put("AWS_ACCOUNT_ID", "000000000000");
        env.put("SHARD_LIMIT", "10000");
        env.put("ON_DEMAND_STREAM_COUNT_LIMIT", "1000");
        env.put("CREATE_STREAM_DURATION", "50ms");
        env.put("DELETE_STREAM_DURATION", "50ms");
        env.put("SHOULD_PERSIST_DATA", "false");
        env.put("LOAD_DATA_IF_EXISTS", "false");
        env.put("INITIALIZE_STREAMS", null); // from the caller's environment it would pre-create streams
        NodeStandIn node = NodeStandIn.start("kinesis-local", "main.js", List.of(), env, plain);
        KinesisLocal local;
        try {
            local = new KinesisLocal(node, plain, tls);
            local.awaitServing();
        } catch (RuntimeException e) {
            node.stop();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(local.admin::close, "kinesis-local-client-close"));
        return local;
    }

    private void awaitServing() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.listStreams();
                return;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline || !node.isAlive()) {
                    throw new IllegalStateException("kinesis-local does not answer ListStreams; output:\n"
                            + node.tail(), notYet);
                }
                NodeStandIn.sleep(50);
            }
        }
    }
}
