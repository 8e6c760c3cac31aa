package io.ecomlog.backend.cdk;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The backend's alarms, all to the ops topic, and its CloudWatch dashboard: Lambda errors and throttles, iterator
 * age of every stream consumer, messages in a dead-letter queue, Firehose deliveries failing, the Flink application
 * down or failing checkpoints, Glue job failures (metric and state-change event), API server errors.
 */
final class Monitoring extends Construct {

    private static final Duration PERIOD = Duration.minutes(5);

    private final List<Alarm> alarms = new ArrayList<>();
    private final Dashboard dashboard;
    private final SnsAction notify;

    Monitoring(Construct scope, String id, EcomlogConfig config, Ingest ingest, Processing processing,
               Analytics analytics, ITopic ops) {
        super(scope, id);
        notify = new SnsAction(ops);
        for (var f : processing.functions()) {
            alarm(f.getNode().getId() + "Errors", f.function().metricErrors(sum()), 1,
                    f.name() + " failed invocations");
            alarm(f.getNode().getId() + "Throttles", f.function().metricThrottles(sum()), 1,
                    f.name() + " throttled (reserved concurrency reached)");
            if (f.hasDeadLetters()) {
                alarm(f.getNode().getId() + "DeadLetters", deadLetters(f.deadLetters()), 1,
                        f.name() + " gave records up to its dead-letter queue");
            }
        }
        var transformer = ingest.logTransformer();
        alarm("LogTransformerErrors", transformer.function().metricErrors(sum()), 1, "log transformation failed");
        alarm("LogTransformerThrottles", transformer.function().metricThrottles(sum()), 1,
                "log transformation throttled");
        for (var f : processing.streamConsumers()) {
            alarm(f.getNode().getId() + "IteratorAge", lambdaMetric("IteratorAge", f.name(), "Maximum"),
                    config.iteratorAgeAlarmSeconds() * 1000.0, f.name() + " is falling behind its stream");
        }
        failing("EventsDelivery", firehose("DeliveryToS3.Success", ingest.eventsDelivery().getRef()),
                "events are not delivered to the raw bucket");
        failing("LogsDelivery", firehose(config.openSearchEnabled()
                        ? "DeliveryToAmazonOpenSearchService.Success" : "DeliveryToS3.Success",
                ingest.logsDelivery().getRef()), "logs are not delivered");

        String app = processing.flink().applicationName();
        alarm("FlinkDowntime", flink("downtime", app, "Maximum"), 1, "the Flink jobs are down (ms of downtime)");
        alarm("FlinkCheckpointFailures", MathExpression.Builder.create()
                .expression("DIFF(failed)").usingMetrics(Map.of("failed",
                        flink("numberOfFailedCheckpoints", app, "Maximum"))).period(PERIOD).build(),
                1, "Flink checkpoints fail");

        String job = analytics.etlJob().getName();
        alarm("EtlFailedTasks", Metric.Builder.create().namespace("Glue")
                .metricName("glue.driver.aggregate.numFailedTasks")
                .dimensionsMap(Map.of("JobName", job, "JobRunId", "ALL", "Type", "count"))
                .statistic("Sum").period(PERIOD).build(), 1, "the Glue ETL job has failed tasks");
        // a run that fails before it reports metrics only shows in the state-change event
        Rule.Builder.create(this, "EtlJobFailed")
                .description("Glue ETL job run failed or timed out")
                .eventPattern(EventPattern.builder().source(List.of("aws.glue"))
                        .detailType(List.of("Glue Job State Change"))
                        .detail(Map.of("jobName", List.of(job), "state", List.of("FAILED", "TIMEOUT", "ERROR")))
                        .build())
                .targets(List.of(new SnsTopic(ops)))
                .build();

        var api = processing.api().api();
        alarm("ApiServerErrors", api.metricServerError(sum()), 5, "the order-history API answers 5xx");

        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(config.prefix() + "-backend")
                .widgets(List.of(
                        List.<IWidget>of(TextWidget.Builder.create().width(24).height(1)
                                .markdown("# ecomlog backend — alarms go to the ops topic").build()),
                        List.of(
                                graph("Events in (records)", ingest.events().metricIncomingRecords(sum())),
                                graph("Events in (bytes)", ingest.events().metricIncomingBytes(sum())),
                                graph("Put throttled", ingest.events().metricWriteProvisionedThroughputExceeded(
                                        sum())),
                                graph("Firehose delivered", firehose("DeliveryToS3.Records",
                                        ingest.eventsDelivery().getRef()))),
                        List.of(
                                graph("Lambda errors", processing.functions().stream()
                                        .map(f -> (IMetric) f.function().metricErrors(sum())).toList()),
                                graph("Lambda duration p99", processing.functions().stream()
                                        .map(f -> (IMetric) f.function().metricDuration(MetricOptions.builder()
                                                .statistic("p99").period(PERIOD).build())).toList()),
                                graph("Iterator age (ms)", processing.streamConsumers().stream()
                                        .map(f -> (IMetric) lambdaMetric("IteratorAge", f.name(), "Maximum"))
                                        .toList()),
                                graph("Dead letters", processing.functions().stream()
                                        .filter(BackendFunction::hasDeadLetters)
                                        .map(f -> deadLetters(f.deadLetters())).toList())),
                        List.of(
                                graph("Flink downtime (ms)", flink("downtime", app, "Maximum")),
                                graph("Flink failed checkpoints", flink("numberOfFailedCheckpoints", app,
                                        "Maximum")),
                                graph("API requests / 5xx", api.metricCount(sum()), api.metricServerError(sum())),
                                graph("API latency p99", api.metricLatency(MetricOptions.builder()
                                        .statistic("p99").period(PERIOD).build())))))
                .build();
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(PERIOD).build();
    }

    private static IMetric deadLetters(IQueue queue) {
        return queue.metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().statistic("Maximum").period(PERIOD).build());
    }

    private static Metric lambdaMetric(String name, String function, String statistic) {
        return Metric.Builder.create().namespace("AWS/Lambda").metricName(name)
                .dimensionsMap(Map.of("FunctionName", function)).statistic(statistic).period(PERIOD).build();
    }

    private static Metric firehose(String name, String stream) {
        return Metric.Builder.create().namespace("AWS/Firehose").metricName(name)
                .dimensionsMap(Map.of("DeliveryStreamName", stream)).statistic("Minimum").period(PERIOD).build();
    }

    private static Metric flink(String name, String application, String statistic) {
        return Metric.Builder.create().namespace("AWS/KinesisAnalytics").metricName(name)
                .dimensionsMap(Map.of("Application", application)).statistic(statistic).period(PERIOD).build();
    }

    private void alarm(String id, IMetric metric, double threshold, String description) {
        var alarm = Alarm.Builder.create(this, id)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
        alarm.addAlarmAction(notify);
        alarms.add(alarm);
    }

    /** A success ratio (0..1) below 1: some deliveries failed in the period. */
    private void failing(String id, IMetric success, String description) {
        var alarm = Alarm.Builder.create(this, id + "Failures")
                .metric(success)
                .threshold(1)
                .evaluationPeriods(2)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
        alarm.addAlarmAction(notify);
        alarms.add(alarm);
    }

    private static GraphWidget graph(String title, IMetric... metrics) {
        return graph(title, List.of(metrics));
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).width(6).height(6).left(metrics).build();
    }

    List<Alarm> alarms() { return List.copyOf(alarms); }
    Dashboard dashboard() { return dashboard; }
}
