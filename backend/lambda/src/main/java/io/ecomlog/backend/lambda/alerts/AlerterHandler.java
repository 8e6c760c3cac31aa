package io.ecomlog.backend.lambda.alerts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.alert.Alert;
import io.ecomlog.alert.AlertCodec;
import io.ecomlog.alert.MalformedAlertException;
import io.ecomlog.applog.StructuredLog;
import io.ecomlog.backend.lambda.Buffers;
import io.ecomlog.backend.lambda.FunctionMetrics;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.codec.MalformedEventException;
import io.ecomlog.deployment.ConfigException;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.deployment.FunctionEnvironments.Alerter;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.kpi.KpiCodec;
import io.ecomlog.kpi.SalesKpi;
import io.ecomlog.reader.RecordReader;
import io.ecomlog.reader.Rejection;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alerter: reads alert records (the Flink jobs' findings on the alerts stream, in the alert schema of
 * {@link AlertCodec}) and evaluates its own log-pattern rules ({@link AlertRules}) on the event stream; publishes to
 * SNS with de-duplication and a cooldown ({@link AlertPublisher}), writes every alert to DynamoDB, and counts them
 * as CloudWatch metrics in embedded metric format. It can be subscribed to both streams: a line is an event or an
 * alert, whatever stream it came from.
 *
 * <p>Environment: {@code ALERTS_TABLE} and {@code ALERT_TOPIC_ARN} (required), {@code ALERT_COOLDOWN_SECONDS}
 * (900), {@code ALERT_RETENTION_DAYS} (30), and the rules' thresholds (see {@link AlertRules}). A record whose
 * writes fail (DynamoDB, SNS) is reported as the batch's first failure and retried; bad lines are counted, never a
 * failure.
 */
public final class AlerterHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertRules rules;
    private final WindowCounters counters;
    private final AlertPublisher publisher;
    private final Clock clock;
    private final EventCodec events = new EventCodec();
    private final AlertCodec alerts = new AlertCodec();
    private final StructuredLog log = new StructuredLog(AlerterHandler.class.getSimpleName());
    private final FunctionMetrics metrics = new FunctionMetrics("alerter");

    public AlerterHandler() {
        this(EnvConfig.fromSystem(), DynamoDbClient.create(), SnsClient.create(), Clock.systemUTC());
    }

    public AlerterHandler(EnvConfig env, DynamoDbClient dynamo, SnsClient sns, Clock clock) {
        this(env, dynamo, AlertNotifier.sns(sns, topicArn(env)), clock);
    }

    /** The alerter with its messages sent elsewhere than SNS (local mode: the console and a file). */
    public AlerterHandler(EnvConfig env, DynamoDbClient dynamo, AlertNotifier notifier, Clock clock) {
        String table = Alerter.ALERTS_TABLE.read(env);
        this.rules = new AlertRules(env);
        this.counters = new WindowCounters(dynamo, table, rules);
        this.publisher = new AlertPublisher(dynamo, notifier, table,
                Alerter.ALERT_COOLDOWN_SECONDS.read(env),
                Duration.ofDays(Alerter.ALERT_RETENTION_DAYS.read(env)));
        this.clock = clock;
    }

    private static String topicArn(EnvConfig env) {
        String topic = Alerter.ALERT_TOPIC_ARN.read(env);
        if (!topic.startsWith("arn:")) {
            throw new ConfigException("ALERT_TOPIC_ARN must be an SNS topic ARN, was \""
                    + topic + "\"");
        }
        return topic;
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent input, Context context) {
        var outcomes = new TreeMap<String, Long>();
        var byKind = new TreeMap<String, Long>();
        var rejected = new TreeMap<String, Long>();
        long kpis = 0;
        var failures = new ArrayList<StreamsEventResponse.BatchItemFailure>();
        for (var record : input.getRecords()) {
            var found = read(Buffers.bytes(record.getKinesis().getData()), rejected);
            kpis += found.kpis().get();
            try {
                var raised = new ArrayList<>(found.alerts());
                raised.addAll(counters.add(rules.tally(found.events()), clock.instant()));
                for (Alert alert : raised) {
                    var outcome = publisher.publish(alert, clock.instant());
                    outcomes.merge(outcome.name().toLowerCase(Locale.ROOT), 1L, Long::sum);
                    if (outcome == AlertPublisher.Outcome.PUBLISHED) {
                        byKind.merge(alert.kind(), 1L, Long::sum);
                    }
                }
            } catch (SdkException e) {
                failures.add(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(record.getKinesis().getSequenceNumber()).build());
                log.error("alert writes failed; the batch is retried from this record", Map.of(
                        "sequence_number", record.getKinesis().getSequenceNumber(), "error", e.toString()));
                break;
            }
        }
        outcomes.forEach((outcome, n) -> metrics.count("alerts_" + outcome, n));
        byKind.forEach((kind, n) -> metrics.count("alerts." + kind, n));
        metrics.countByReason("rejected", rejected);
        metrics.count("kpi_records_passed_over", kpis);
        metrics.count("batch_failures", failures.size());
        metrics.flush();
        var fields = new LinkedHashMap<String, Object>();
        fields.put("records", input.getRecords().size());
        fields.put("alerts", outcomes);
        fields.put("published_by_kind", byKind);
        fields.put("rejected", rejected);
        fields.put("kpi_records_passed_over", kpis);
        log.info("batch done", fields);
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private record Found(List<EcomEvent> events, List<Alert> alerts, AtomicLong kpis) {
    }

    /**
     * The record's events and alerts, told apart by {@code record_type}: {@code alert} is an alert, {@code sales_kpi}
     * a KPI record (for dashboards, passed over), none an event; anything else is counted by reason. An alert of a
     * producer before {@code record_type} (no type, not an event, a {@code kind}) is still read as an alert.
     */
    private Found read(byte[] data, Map<String, Long> rejected) {
        var found = new Found(new ArrayList<>(), new ArrayList<>(), new AtomicLong());
        var broken = new ArrayList<Rejection>();
        var lines = RecordReader.lines(data, broken);
        broken.forEach(r -> rejected.merge(r.reason(), 1L, Long::sum));
        for (byte[] line : lines) {
            String type = recordType(line);
            if (AlertCodec.RECORD_TYPE.equals(type)) {
                readAlert(line, found, rejected);
            } else if (SalesKpi.RECORD_TYPE.equals(type)) {
                found.kpis().incrementAndGet();
            } else if (type != null) {
                rejected.merge("unknown record_type", 1L, Long::sum);
            } else {
                try {
                    found.events().add(events.decode(line));
                } catch (MalformedEventException e) {
                    if (e.reason() != MalformedEventException.Reason.NOT_AN_EVENT) {
                        rejected.merge(e.reason().label(), 1L, Long::sum);
                    } else {
                        // record_type not written first (another producer), or an alert from before it
                        JsonNode tree = tree(line);
                        if (KpiCodec.isKpi(tree)) {
                            found.kpis().incrementAndGet();
                        } else if (tree != null && tree.has("kind")) {
                            readAlert(line, found, rejected);
                        } else {
                            rejected.merge("neither an event nor an alert", 1L, Long::sum);
                        }
                    }
                }
            }
        }
        return found;
    }

    private void readAlert(byte[] line, Found found, Map<String, Long> rejected) {
        try {
            found.alerts().add(alerts.decode(line));
        } catch (MalformedAlertException e) {
            rejected.merge("invalid alert", 1L, Long::sum);
        }
    }

    /**
     * The line's {@code record_type}, or null when it has none or is not a JSON object. A cheap look at the start:
     * the codecs write it as the first field, and events (the most lines) never have one.
     */
    private static String recordType(byte[] line) {
        String head = new String(line, 0, Math.min(line.length, 64), StandardCharsets.UTF_8);
        if (!head.startsWith("{\"record_type\":\"")) {
            return null;
        }
        int start = "{\"record_type\":\"".length();
        int end = head.indexOf('"', start);
        return end < 0 ? null : head.substring(start, end);
    }

    private static JsonNode tree(byte[] line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

}
