package io.ecomlog.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.ecomlog.applog.StructuredLog;
import io.ecomlog.backend.opensearch.BulkIndexer;
import io.ecomlog.backend.opensearch.DailyIndex;
import io.ecomlog.backend.opensearch.DeadLetters;
import io.ecomlog.backend.opensearch.EventIndexer;
import io.ecomlog.backend.opensearch.IndexReport;
import io.ecomlog.backend.opensearch.IndexerConfig;
import io.ecomlog.backend.opensearch.KinesisIndexerHandler;
import io.ecomlog.backend.opensearch.LogSearch;
import io.ecomlog.backend.opensearch.OpenSearchClients;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.deployment.FunctionEnvironments.Indexer;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Log search in local mode ({@code --opensearch}): a real OpenSearch node on 127.0.0.1 in a JVM of its own (module
 * {@code ecomlog-search-node}; its data under the work folder), the production Kinesis indexer fed each lake object
 * like the other functions — the same code as in Lambda, with plain HTTP instead of SigV4 and the dead letters in a
 * folder instead of the backup bucket — and the dashboard's searches through {@link LogSearch}. Document ids are
 * {@code event_id}, so delivering an object again never duplicates a document.
 */
public final class LocalSearch implements AutoCloseable {

    /** The system property naming the node's class-path file (the demo profile and the tests set it). */
    public static final String CLASSPATH_PROPERTY = "ecomlog.search.classpath";
    static final String INDEX_PREFIX = "ecomlog";
    private static final String CLASSPATH_FILE = "local/search-node/target/search-node.classpath";

    /**
     * What indexing did over the run: {@code searchable} documents in the index (each event once, whatever was
     * delivered again), {@code indexed} bulk items that succeeded, what went to the dead letters and what was
     * rejected by reason, the time spent in the indexer and the node's start.
     */
    public record Summary(long searchable, long indexed, long deadLettered, long redelivered,
                          Map<String, Long> rejected, long indexingMillis, long nodeStartMillis,
                          Map<String, Latency> queries) {
        /** Documents per second of indexing time. */
        public double documentsPerSecond() {
            return indexingMillis == 0 ? 0 : indexed * 1000.0 / indexingMillis;
        }
    }

    private final Process node;
    private final URI endpoint;
    private final OpenSearchClient client;
    private final KinesisIndexerHandler handler;
    private final LogSearch search;
    private final IndexReport total = new IndexReport();
    private final long nodeStartMillis;
    private long indexingNanos;

    private LocalSearch(Process node, URI endpoint, Path work, long nodeStartMillis) {
        this.node = node;
        this.endpoint = endpoint;
        this.nodeStartMillis = nodeStartMillis;
        var config = IndexerConfig.from(new EnvConfig(Map.of(
                Indexer.OPENSEARCH_ENDPOINT.name(), endpoint.toString(),
                Indexer.OPENSEARCH_AUTH.name(), "none",
                Indexer.INDEX_PREFIX.name(), INDEX_PREFIX,
                Indexer.INDEX_REPLICAS.name(), "0",
                // required by the configuration; in local mode the dead letters go to the work folder
                Indexer.DEAD_LETTER_BUCKET.name(), "local")));
        this.client = OpenSearchClients.create(config);
        DeadLetters.Store folder = (key, bytes) -> {
            try {
                Path file = work.resolve(key);
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        var indexer = new EventIndexer(config, client, () -> {
            throw new IllegalStateException("local mode has no S3: the indexer reads the lake through its feed");
        }, folder, BulkIndexer.Sleeper.REAL, new StructuredLog("opensearch-indexer"));
        this.handler = new KinesisIndexerHandler(indexer, this::add);
        this.search = new LogSearch(client, new DailyIndex(INDEX_PREFIX));
    }

    /** Starts the node (5–15 s on 2 cores) and waits until it is healthy; {@code work}/search-node holds its data. */
    public static LocalSearch start(Path work, Duration timeout) throws IOException, InterruptedException {
        return start(work, timeout, classpathFile());
    }

    /** With the node's class path read from {@code classpathFile}; a node that stops or hangs fails the start. */
    static LocalSearch start(Path work, Duration timeout, Path classpathFile) throws IOException,
            InterruptedException {
        long started = System.nanoTime();
        Path dir = Files.createDirectories(work.resolve("search-node"));
        Path portFile = dir.resolve("port");
        Files.deleteIfExists(portFile);
        // build-classpath lists the dependencies; the module's own classes are beside the file
        String classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).strip()
                + File.pathSeparator + classpathFile.resolveSibling("classes");
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx1g", "-cp", classpath, "io.ecomlog.local.searchnode.SearchNodeMain",
                dir.resolve("data").toString(), portFile.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()))
                .start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(portFile)) {
            if (!process.isAlive()) {
                throw new IOException("the OpenSearch node stopped with status " + process.exitValue() + "; see "
                        + dir.resolve("node.log"));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("the OpenSearch node did not start within " + timeout + "; see "
                        + dir.resolve("node.log"));
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).strip());
        return new LocalSearch(process, URI.create("http://127.0.0.1:" + port), work,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The node's class-path file: the system property, else the module's build output under the project root. */
    static Path classpathFile() throws IOException {
        String property = System.getProperty(CLASSPATH_PROPERTY);
        if (property != null && Files.isRegularFile(Path.of(property))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); property == null && dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(CLASSPATH_FILE))) {
                return dir.resolve(CLASSPATH_FILE);
            }
        }
        throw new IOException("no " + (property != null ? property : CLASSPATH_FILE) + ": build the project first "
                + "(./mvnw -pl local/local-mode -am package -DskipTests) or set -D" + CLASSPATH_PROPERTY);
    }

    /** The indexer as local mode's feed calls it, timed. */
    FunctionFeed.Subscriber subscriber() {
        RequestHandler<KinesisEvent, StreamsEventResponse> timed = (event, context) -> {
            long t = System.nanoTime();
            try {
                return handler.handleRequest(event, context);
            } finally {
                synchronized (this) {
                    indexingNanos += System.nanoTime() - t;
                }
            }
        };
        return new FunctionFeed.Subscriber("opensearch-indexer", timed);
    }

    private synchronized void add(IndexReport report) {
        total.add(report);
    }

    /** Makes every indexed document searchable now (the index template refreshes every 5 s). */
    public void refresh() throws IOException {
        client.indices().refresh(r -> r.index(INDEX_PREFIX + "-*"));
    }

    public LogSearch search() {
        return search;
    }

    public URI endpoint() {
        return endpoint;
    }

    public long nodeStartMillis() {
        return nodeStartMillis;
    }

    /** A query's latency over repeated runs, in milliseconds. */
    public record Latency(int runs, double p50, double p99) {
        @Override
        public String toString() {
            return String.format("p50 %.1f / p99 %.1f ms", p50, p99);
        }
    }

    /**
     * The summary so far, after a refresh: everything indexed is counted, and each of the search page's queries
     * (every document, text, a status class, a user, a session) is timed {@code runs} times (0: none).
     */
    public Summary summary(int runs) throws IOException {
        refresh();
        long searchable = client.count(c -> c.index(INDEX_PREFIX + "-*")).count();
        var queries = runs > 0 ? timeThePagesQueries(runs) : Map.<String, Latency>of();
        synchronized (this) {
            return new Summary(searchable, total.indexed(), total.deadLettered(), total.redelivered(),
                    total.rejected(), indexingNanos / 1_000_000, nodeStartMillis, queries);
        }
    }

    private Map<String, Latency> timeThePagesQueries(int runs) throws IOException {
        var all = LogSearch.Request.all(50);
        var sample = search.search(all).hits();
        String user = sample.stream().map(LogSearch.Found::user).filter(Objects::nonNull).findFirst().orElse("none");
        String session = sample.stream().map(LogSearch.Found::session).filter(Objects::nonNull).findFirst()
                .orElse("none");
        var out = new LinkedHashMap<String, Latency>();
        out.put("all", time(runs, () -> search.search(all)));
        out.put("text", time(runs, () -> search.search(all.withText("payment declined"))));
        out.put("5xx", time(runs, () -> search.search(new LogSearch.Request(null, null, null,
                LogSearch.StatusClass.SERVER_ERROR, null, null, null, null, null, 0, 50))));
        out.put("user", time(runs, () -> search.search(new LogSearch.Request(null, null, null, null, null, user,
                null, null, null, 0, 50))));
        out.put("session", time(runs, () -> search.session(session)));
        return out;
    }

    private interface Query {
        void run() throws IOException;
    }

    private static Latency time(int runs, Query query) throws IOException {
        query.run(); // warm
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            query.run();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return new Latency(runs, nanos[(runs - 1) / 2] / 1e6, nanos[(int) Math.ceil(runs * 0.99) - 1] / 1e6);
    }

    /** Stops the node: its standard input closes, then it is stopped by force if it does not go within 30 s. */
    @Override
    public void close() throws IOException, InterruptedException {
        node.getOutputStream().close();
        if (!node.waitFor(30, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
