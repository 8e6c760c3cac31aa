package io.ecomlog.pipeline;

import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.spool.DiskSpool;
import io.ecomlog.transport.LocalFolderStore;
import io.ecomlog.transport.ObjectStore;
import io.ecomlog.transport.S3ObjectStore;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-sends events kept in S3 backup objects, a local lake folder or spool files to a destination, through an
 * {@link EcomlogClient} (so the same packing, retries and counting apply). Sources are read, never modified, unless
 * {@code delete} is asked for, and then only after the client reported every event delivered.
 *
 * <pre>
 * java -cp ecomlog-core.jar:... io.ecomlog.pipeline.Replay --from s3://bucket/backup/ --to kinesis:events [--delete]
 * java ... io.ecomlog.pipeline.Replay --from spool:/var/spool/ecomlog/kinesis_events --to firehose:events
 * </pre>
 * Options: {@code --endpoint URL} (for every AWS client), {@code --region R}. Credentials come from the SDK's default
 * chain.
 */
public final class Replay {

    /** What a replay did. */
    public record Result(int sources, long lines, DeliveryStats stats, boolean complete) {
    }

    private Replay() {
    }

    /** Replays every object under {@code prefix} of {@code source} through {@code client}, then closes it. */
    public static Result replayObjects(ObjectStore source, String prefix, EcomlogClient client, Duration timeout,
                                       boolean deleteWhenDelivered) throws IOException {
        var keys = source.list(prefix == null ? "" : prefix);
        long lines = 0;
        for (var key : keys) {
            lines += submit(RecordCodec.lines(source.get(key)), client);
        }
        var result = finish(keys.size(), lines, client, timeout);
        if (deleteWhenDelivered && result.complete() && source instanceof LocalFolderStore folder) {
            for (var key : keys) {
                Files.deleteIfExists(folder.root().resolve(key));
            }
        }
        return result;
    }

    /** Replays every segment of a spool folder through {@code client}, then closes it. */
    public static Result replaySpool(Path spoolDirectory, EcomlogClient client, Duration timeout,
                                     boolean deleteWhenDelivered) throws IOException {
        var spool = new DiskSpool(spoolDirectory, Long.MAX_VALUE);
        var segments = spool.segments();
        long lines = 0;
        for (var segment : segments) {
            lines += submit(spool.read(segment), client);
        }
        var result = finish(segments.size(), lines, client, timeout);
        if (deleteWhenDelivered && result.complete()) {
            for (var segment : segments) {
                spool.delete(segment);
            }
        }
        return result;
    }

    private static long submit(List<byte[]> lines, EcomlogClient client) {
        for (var line : lines) {
            client.submitJson(line);
        }
        return lines.size();
    }

    private static Result finish(int sources, long lines, EcomlogClient client, Duration timeout) {
        client.close(timeout);
        var stats = client.stats();
        long delivered = stats.destinations().stream().mapToLong(DeliveryStats.Destination::sent).sum();
        return new Result(sources, lines, stats, delivered == lines * stats.destinations().size());
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: Replay --from s3://bucket/prefix|dir:/path|spool:/path --to kinesis:NAME|firehose:NAME"
                    + "|dir:/path [--endpoint URL] [--region REGION] [--delete] [--timeout-seconds N]");
            return 2;
        }
        var region = Region.of(options.getOrDefault("region", "us-east-1"));
        var endpoint = options.containsKey("endpoint") ? URI.create(options.get("endpoint")) : null;
        var builder = EcomlogClient.builder().shutdownHook(false).linger(Duration.ofMillis(200))
                .retryBackoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        var closeables = new ArrayList<AutoCloseable>();
        var to = options.get("to");
        if (to.startsWith("kinesis:")) {
            var kinesis = KinesisClient.builder().region(region);
            if (endpoint != null) {
                kinesis.endpointOverride(endpoint);
            }
            var client = kinesis.build();
            closeables.add(client);
            builder.kinesis(client, to.substring("kinesis:".length()));
        } else if (to.startsWith("firehose:")) {
            var firehose = FirehoseClient.builder().region(region);
            if (endpoint != null) {
                firehose.endpointOverride(endpoint);
            }
            var client = firehose.build();
            closeables.add(client);
            builder.firehose(client, to.substring("firehose:".length()));
        } else if (to.startsWith("dir:")) {
            builder.localLake(Path.of(to.substring("dir:".length())));
        } else {
            err.println("--to must be kinesis:NAME, firehose:NAME or dir:/path, was " + to);
            return 2;
        }
        var client = builder.build();
        var timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-seconds", "60")));
        boolean delete = options.containsKey("delete");
        var from = options.get("from");
        Result result;
        try {
            if (from.startsWith("spool:")) {
                result = replaySpool(Path.of(from.substring("spool:".length())), client, timeout, delete);
            } else if (from.startsWith("dir:")) {
                result = replayObjects(new LocalFolderStore(Path.of(from.substring("dir:".length()))), "", client,
                        timeout, delete);
            } else if (from.startsWith("s3://")) {
                var rest = from.substring("s3://".length());
                int slash = rest.indexOf('/');
                var bucket = slash < 0 ? rest : rest.substring(0, slash);
                var prefix = slash < 0 ? "" : rest.substring(slash + 1);
                var s3 = S3Client.builder().region(region).forcePathStyle(endpoint != null);
                if (endpoint != null) {
                    s3.endpointOverride(endpoint);
                }
                try (var s3Client = s3.build()) {
                    result = replayObjects(new S3ObjectStore(s3Client, bucket, false), prefix, client, timeout, false);
                }
            } else {
                err.println("--from must be s3://bucket/prefix, dir:/path or spool:/path, was " + from);
                client.close(Duration.ZERO);
                return 2;
            }
        } finally {
            for (var c : closeables) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
        }
        out.printf("replayed %d sources, %d events; delivered %s; dropped %d%n", result.sources(), result.lines(),
                result.stats().destinations().stream().map(d -> d.name() + "=" + d.sent()).toList(),
                result.stats().droppedTotal());
        return result.complete() ? 0 : 1;
    }

    private static Map<String, String> parse(String[] args) {
        var options = new HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            var name = arg.substring(2);
            if (name.equals("delete")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        if (!options.containsKey("from") || !options.containsKey("to")) {
            throw new IllegalArgumentException("--from and --to are required");
        }
        return options;
    }
}
