package io.ecomlog.shipper;

import io.ecomlog.metrics.DropReason;
import io.ecomlog.pipeline.ClientSettings;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.pipeline.OverflowPolicy;
import io.ecomlog.settings.Setting;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link EcomlogClient} per target, shared by the flows that ship there, with the SDK clients behind them. The
 * clients block (briefly) rather than drop when their queue is full: a line the client did not take is read again,
 * never skipped. They register no shutdown hook: the shipper closes them after its last checkpoint.
 */
final class Clients implements AutoCloseable {

    private static final Duration BLOCK_WHEN_FULL = Duration.ofSeconds(1);

    private final Map<Target, EcomlogClient> clients = new LinkedHashMap<>();
    private final List<SdkClient> sdkClients = new ArrayList<>();

    Clients(ShipperConfig config) {
        var byTarget = new LinkedHashMap<Target, List<FlowConfig>>();
        config.flows().forEach(f -> byTarget.computeIfAbsent(f.target(), t -> new ArrayList<>()).add(f));
        byTarget.forEach((target, flows) -> clients.put(target, build(config, target, flows)));
    }

    private EcomlogClient build(ShipperConfig config, Target target, List<FlowConfig> flows) {
        var shortestAge = flows.stream().map(FlowConfig::maxBufferAge).min(Comparator.naturalOrder()).orElseThrow();
        var builder = EcomlogClient.builder()
                .linger(shortestAge)
                .partitionKey(flows.get(0).partitionKey())
                .overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(BLOCK_WHEN_FULL)
                .shutdownHook(false)
                .spoolDirectory(config.spoolDirectory());
        config.client().forEach((name, text) -> set(builder, ClientSettings.named(name), text));
        switch (target.kind()) {
            case LAKE -> builder.localLake(Path.of(target.name()));
            case KINESIS -> builder.kinesis(sdkClient(KinesisClient.builder(), config.region(),
                    config.kinesisEndpoint()), target.name());
            case FIREHOSE -> builder.firehose(sdkClient(FirehoseClient.builder(), config.region(),
                    config.firehoseEndpoint()), target.name());
        }
        return builder.build();
    }

    private static <T> void set(EcomlogClient.Builder builder, Setting<T> setting, String text) {
        builder.set(setting, setting.parse(text));
    }

    /** An SDK client in the configured region and at the endpoint override, if any; closed with these clients. */
    private <B extends AwsClientBuilder<B, C>, C extends SdkClient> C sdkClient(B builder, String region,
                                                                               URI endpoint) {
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        C client = builder.build();
        sdkClients.add(client);
        return client;
    }

    EcomlogClient of(Target target) {
        return clients.get(target);
    }

    Map<Target, EcomlogClient> all() {
        return clients;
    }

    /** Whether every client settled everything it took within the timeout (delivered, spooled or counted). */
    boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (var client : clients.values()) {
            all &= client.flush(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return all;
    }

    /** Events the clients dropped because destination, backup and spool all failed: lines to read again. */
    long undeliverable() {
        return clients.values().stream()
                .mapToLong(c -> c.stats().dropped().getOrDefault(DropReason.UNDELIVERABLE, 0L)).sum();
    }

    void close(Duration timeout) {
        clients.values().forEach(c -> c.close(timeout));
        sdkClients.forEach(SdkClient::close);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
