package io.ecomlog.local;

import io.ecomlog.alert.Alert;
import io.ecomlog.backend.aws.TableRequests;
import io.ecomlog.backend.lambda.alerts.AlerterHandler;
import io.ecomlog.backend.lambda.orders.OrderHistoryHandler;
import io.ecomlog.backend.spark.als.RecommendJob;
import io.ecomlog.backend.spark.als.TimeSplitEvaluation;
import io.ecomlog.backend.spark.etl.CurateReport;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.deployment.FunctionEnvironments.Alerter;
import io.ecomlog.deployment.FunctionEnvironments.OrderHistory;
import io.ecomlog.deployment.Tables;
import io.ecomlog.testing.Dynalite;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The backend on one machine, wired around a local lake folder. Every processor is the production code:
 * <ul>
 *   <li>the order-history and alerter functions, fed each new lake object as a Kinesis batch ({@link FunctionFeed}),
 *       on a DynamoDB stand-in (dynalite); the alerter's messages go to the console and {@code alerts.jsonl}
 *       ({@link LocalAlertNotifier}) in place of SNS;</li>
 *   <li>the Flink jobs in a MiniCluster over the lake ({@link FlinkAnalytics}); their alert and KPI lines are fed to
 *       the alerter like the alerts stream;</li>
 *   <li>with {@code --opensearch}, the OpenSearch indexer on the same feed, into a node of its own
 *       ({@link LocalSearch});</li>
 *   <li>at the end, the Spark ETL and ALS in local mode ({@link SparkJobs}) and the named queries on DuckDB
 *       ({@link NamedReports}).</li>
 * </ul>
 * Layout under the work folder: {@code lake/} (raw, written by the client), {@code analytics/} (Flink output),
 * {@code curated/}, {@code quarantine/}, {@code recommendations/}, {@code alerts.jsonl}.
 */
public final class LocalBackend implements AutoCloseable {

    /** What the final steps produced. */
    /** {@code evaluation}: ALS against its baselines on the original dates, for a backfill (else null). */
    /** {@code search}: what the OpenSearch indexer did (null without {@code --opensearch}). */
    public record Results(LakeCounts lake, CurateReport curate, RecommendJob.Result recommendations,
                          TimeSplitEvaluation.Result evaluation, List<NamedReports.Result> queries,
                          List<Alert> alerts, long eventObjects, long deliveryRetries, Map<String, Long> stepMillis,
                          LocalSearch.Summary search) {
    }

    /** How often the summary times each of the search page's queries. */
    static final int SEARCH_TIMING_RUNS = 100;

    private final Path work;
    private final DynamoDbClient dynamo;
    private final String ordersTable;
    private final String alertsTable;
    private final String recommendationsTable;
    private final LocalAlertNotifier notifier;
    private final FunctionFeed events;
    private final FunctionFeed analytics;
    private final FlinkAnalytics flink;
    private final LocalSearch search;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "local-function-feed");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param jobSettings parameters of the Flink jobs that differ from local mode's ({@link FlinkAnalytics})
     * @param console     where alert lines are printed (null: nowhere)
     */
    public LocalBackend(Path work, Map<String, String> jobSettings, PrintStream console) {
        this(work, jobSettings, console, null);
    }

    /** {@code search}: also index every lake object into local mode's OpenSearch node (null: no log search). */
    public LocalBackend(Path work, Map<String, String> jobSettings, PrintStream console, LocalSearch search) {
        this.work = work.toAbsolutePath().normalize();
        this.search = search;
        var dynalite = Dynalite.shared();
        this.dynamo = dynalite.client();
        String run = "local" + Long.toString(System.currentTimeMillis(), 36);
        this.ordersTable = Tables.ORDERS.name(run);
        this.alertsTable = Tables.ALERTS.name(run);
        this.recommendationsTable = Tables.RECOMMENDATIONS.name(run);
        dynalite.createTable(TableRequests.create(Tables.ORDERS, ordersTable));
        dynalite.createTable(TableRequests.create(Tables.ALERTS, alertsTable));
        dynalite.createTable(TableRequests.create(Tables.RECOMMENDATIONS, recommendationsTable));

        this.notifier = new LocalAlertNotifier(console, this.work.resolve("alerts.jsonl"));
        var orderHistory = new OrderHistoryHandler(new EnvConfig(Map.of(OrderHistory.ORDERS_TABLE.name(), ordersTable)), dynamo);
        var alerter = new AlerterHandler(new EnvConfig(Map.of(Alerter.ALERTS_TABLE.name(), alertsTable)), dynamo, notifier,
                Clock.systemUTC());
        var eventFunctions = new ArrayList<>(List.of(new FunctionFeed.Subscriber("order-history", orderHistory),
                new FunctionFeed.Subscriber("alerter", alerter)));
        if (search != null) {
            eventFunctions.add(search.subscriber());
        }
        this.events = new FunctionFeed("ecomlog-events", lake(), p -> p.toString().endsWith(".ndjson.gz"),
                eventFunctions);
        // the file sink's part files are hidden (".part-…") until their checkpoint commits them
        this.analytics = new FunctionFeed("ecomlog-alerts", this.work.resolve("analytics"),
                p -> !p.getFileName().toString().startsWith("."),
                List.of(new FunctionFeed.Subscriber("alerter", alerter)));
        this.flink = new FlinkAnalytics(lake(), this.work.resolve("analytics"), jobSettings);
    }

    /** Starts the live Flink run and the feeds (every half second). */
    public void start() throws Exception {
        flink.startLive();
        poller.scheduleWithFixedDelay(this::pollQuietly, 500, 500, TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            events.poll();
            analytics.poll();
        } catch (RuntimeException e) {
            // retried at the next poll; finish() drains and reports what still fails
        }
    }

    /**
     * After the traffic stopped (the client closed): delivers the rest of the lake, runs the final Flink pass and
     * feeds its findings, then the ETL, ALS and the named queries ({@code sampleCustomer}: the user id the order
     * history query is run for); {@code evaluate}: also scores ALS against its baselines on a time split.
     */
    public Results finish(String sampleCustomer, boolean evaluate) throws Exception {
        var steps = new LinkedHashMap<String, Long>();
        long t = System.nanoTime();
        poller.shutdown();
        poller.awaitTermination(1, TimeUnit.MINUTES);
        events.drain(120);
        var searchSummary = search == null ? null : search.summary(SEARCH_TIMING_RUNS);
        t = lap(steps, "functions' backlog", t);
        flink.finish();
        analytics.drain(120);
        t = lap(steps, "Flink final pass", t);
        var lakeCounts = LakeCounts.read(lake());
        CurateReport curate;
        RecommendJob.Result recommendations;
        TimeSplitEvaluation.Result evaluation = null;
        try (var spark = new SparkJobs(work)) {
            t = lap(steps, "Spark start", t);
            curate = spark.curate(lake(), work);
            t = lap(steps, "ETL", t);
            recommendations = spark.recommend(work, dynamo, recommendationsTable);
            t = lap(steps, "ALS", t);
            if (evaluate) {
                evaluation = evaluationOrNull(spark);
                t = lap(steps, "ALS evaluation", t);
            }
        }
        var span = NamedReports.daysOf(curated());
        var queries = NamedReports.runAll(curated(), span[0], span[1], sampleCustomer);
        lap(steps, "named queries", t);
        return new Results(lakeCounts, curate, recommendations, evaluation, queries, notifier.sent(),
                events.objects(), events.retries() + analytics.retries(), steps,
                searchSummary);
    }

    /** The evaluation, or null where the purchases do not allow a time split (fewer than two purchase times). */
    private TimeSplitEvaluation.Result evaluationOrNull(SparkJobs spark) {
        try {
            return spark.evaluate(work);
        } catch (IllegalArgumentException tooFewPurchases) {
            return null;
        }
    }

    private static long lap(Map<String, Long> steps, String step, long since) {
        long now = System.nanoTime();
        steps.put(step, (now - since) / 1_000_000);
        return now;
    }

    public Path work() {
        return work;
    }

    public Path lake() {
        return work.resolve("lake");
    }

    public Path curated() {
        return work.resolve("curated");
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public String ordersTable() {
        return ordersTable;
    }

    public String alertsTable() {
        return alertsTable;
    }

    public String recommendationsTable() {
        return recommendationsTable;
    }

    /** Log search, or null without {@code --opensearch}. */
    public LocalSearch search() {
        return search;
    }

    /** The alerts sent so far (live). */
    public List<Alert> alerts() {
        return notifier.sent();
    }

    @Override
    public void close() throws Exception {
        poller.shutdownNow();
        flink.close();
    }
}
