package io.ecomlog.backend.lambda.alerts;

import io.ecomlog.alert.Alert;
import io.ecomlog.alert.AlertCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static io.ecomlog.backend.lambda.alerts.AlertTable.n;
import static io.ecomlog.backend.lambda.alerts.AlertTable.s;

/**
 * Publishes alerts without storms: an alert already seen (same {@code alert_id}: a redelivered record, a job
 * restarted from a checkpoint) is dropped as a duplicate; otherwise one message per kind and key per cooldown goes
 * to the notifier (SNS in AWS), the ones in between are held back and counted, and the next message says how many were. Every alert is
 * written to the alerts table with its outcome.
 *
 * <p>When the notifier fails (after the SDK's retries) the cooldown taken for the alert is given back and the exception
 * propagates, so the record is retried and the alert is not lost; a crash between the publish and the table write
 * can send one message twice (at least once).
 */
final class AlertPublisher {

    /** What became of an alert. */
    enum Outcome {
        PUBLISHED, SUPPRESSED, DUPLICATE
    }

    private final DynamoDbClient dynamo;
    private final AlertNotifier notifier;
    private final String table;
    private final Duration cooldown;
    private final Duration retention;
    private final AlertCodec codec = new AlertCodec();

    AlertPublisher(DynamoDbClient dynamo, AlertNotifier notifier, String table, Duration cooldown,
                   Duration retention) {
        this.dynamo = dynamo;
        this.notifier = notifier;
        this.table = table;
        this.cooldown = cooldown;
        this.retention = retention;
    }

    Outcome publish(Alert alert, Instant now) {
        var alertKey = Map.of(AlertTable.PK, s("alert#" + alert.alertId()));
        var seen = dynamo.getItem(b -> b.tableName(table).key(alertKey).consistentRead(true)).item();
        if (seen != null && !seen.isEmpty()) {
            return Outcome.DUPLICATE;
        }
        var cooldownKey = Map.of(AlertTable.PK, s("cooldown#" + alert.cooldownKey()));
        Map<String, AttributeValue> previous;
        try {
            previous = dynamo.updateItem(b -> b.tableName(table).key(cooldownKey)
                    .updateExpression("SET #until = :until, last_alert = :id, suppressed = :zero, #exp = :exp")
                    .conditionExpression("attribute_not_exists(#until) OR #until < :now OR last_alert = :id")
                    .expressionAttributeNames(Map.of("#until", "until", "#exp", AlertTable.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":until", n(now.plus(cooldown).toEpochMilli()),
                            ":id", s(alert.alertId()), ":zero", n(0), ":now", n(now.toEpochMilli()),
                            ":exp", n(now.plus(cooldown).plus(retention).getEpochSecond())))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
        } catch (ConditionalCheckFailedException inCooldown) {
            dynamo.updateItem(b -> b.tableName(table).key(cooldownKey).updateExpression("ADD suppressed :one")
                    .expressionAttributeValues(Map.of(":one", n(1))));
            record(alert, Outcome.SUPPRESSED, null, now);
            return Outcome.SUPPRESSED;
        }
        long heldBack = previous == null || previous.get("suppressed") == null ? 0
                : Long.parseLong(previous.get("suppressed").n());
        String messageId;
        try {
            messageId = notifier.send(alert, subject(alert), message(alert, heldBack));
        } catch (RuntimeException e) {
            // give the cooldown back so that the retry of this record can publish
            dynamo.updateItem(b -> b.tableName(table).key(cooldownKey)
                    .updateExpression("SET #until = :zero, suppressed = :held")
                    .expressionAttributeNames(Map.of("#until", "until"))
                    .expressionAttributeValues(Map.of(":zero", n(0), ":held", n(heldBack))));
            throw e;
        }
        record(alert, Outcome.PUBLISHED, messageId, now);
        return Outcome.PUBLISHED;
    }

    private void record(Alert alert, Outcome outcome, String messageId, Instant now) {
        var item = new HashMap<String, AttributeValue>();
        item.put(AlertTable.PK, s("alert#" + alert.alertId()));
        item.put("kind", s(alert.kind()));
        item.put("key", s(alert.keyType() + ":" + alert.key()));
        item.put("outcome", s(outcome.name()));
        item.put("alert", s(codec.encodeToString(alert)));
        item.put("recorded_at", s(now.toString()));
        item.put(AlertTable.EXPIRES_AT, n(now.plus(retention).getEpochSecond()));
        if (messageId != null) {
            item.put("sns_message_id", s(messageId));
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** SNS subjects are at most 100 ASCII characters. */
    static String subject(Alert a) {
        String s = "[ecomlog] " + a.severity().name().toLowerCase(Locale.ROOT) + ": " + a.kind() + " " + a.keyType()
                + " " + a.key();
        s = s.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }

    private String message(Alert a, long heldBack) {
        var text = new StringBuilder();
        text.append(a.message() == null ? a.kind() : a.message()).append('\n')
                .append("window: ").append(a.windowStart()).append(" - ").append(a.windowEnd()).append('\n')
                .append("count: ").append(a.count());
        if (a.threshold() != null) {
            text.append(" (threshold ").append(a.threshold().toPlainString()).append(')');
        }
        text.append('\n');
        if (heldBack > 0) {
            text.append("held back during the cooldown: ").append(heldBack).append(" more alert")
                    .append(heldBack == 1 ? "" : "s").append(" of this kind and key\n");
        }
        if (!a.sampleEventIds().isEmpty()) {
            text.append("sample events: ").append(String.join(", ", a.sampleEventIds())).append('\n');
        }
        text.append('\n').append(codec.encodeToString(a));
        return text.toString();
    }
}
