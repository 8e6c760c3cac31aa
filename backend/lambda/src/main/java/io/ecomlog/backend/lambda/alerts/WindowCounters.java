package io.ecomlog.backend.lambda.alerts;

import io.ecomlog.alert.Alert;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ecomlog.backend.lambda.alerts.AlertTable.n;
import static io.ecomlog.backend.lambda.alerts.AlertTable.s;

/**
 * The rules' window counts, kept in DynamoDB so that a window spans invocations: each batch adds its tallies
 * ({@code ADD}, one write per rule, key and window, not per event) and every window past its threshold raises its
 * alert. The alert's id is derived from rule, key and window, so the publisher sends it once however many batches
 * raise it — and a batch retried after a failed publish raises it again. Counters expire a day after their window;
 * a retried batch adds its counts twice (the window may cross early, never late).
 */
final class WindowCounters {

    private final DynamoDbClient dynamo;
    private final String table;
    private final AlertRules rules;

    WindowCounters(DynamoDbClient dynamo, String table, AlertRules rules) {
        this.dynamo = dynamo;
        this.table = table;
        this.rules = rules;
    }

    /** Adds the tallies and returns the alerts of the windows that crossed their threshold now. */
    List<Alert> add(List<AlertRules.Tally> tallies, Instant now) {
        var alerts = new ArrayList<Alert>();
        for (var t : tallies) {
            String pk = "window#" + t.kind() + "#" + t.key() + "#" + t.windowStart().toEpochMilli();
            var after = dynamo.updateItem(b -> b.tableName(table).key(Map.of(AlertTable.PK, s(pk)))
                    .updateExpression("ADD #count :count, #total :total SET #exp = :exp")
                    .expressionAttributeNames(Map.of("#count", "count", "#total", "total",
                            "#exp", AlertTable.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":count", n(t.count()), ":total", n(t.total()),
                            ":exp", n(t.windowEnd().plus(Duration.ofDays(1)).getEpochSecond())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            long count = Long.parseLong(after.get("count").n());
            long total = Long.parseLong(after.get("total").n());
            boolean crossed = Alert.Kinds.HTTP_5XX_SHARE.equals(t.kind()) ? rules.sharePassed(count, total)
                    : count >= rules.threshold(t.kind());
            if (crossed) {
                alerts.add(alert(t, count, total, now));
            }
        }
        return alerts;
    }

    private Alert alert(AlertRules.Tally t, long count, long total, Instant now) {
        return switch (t.kind()) {
            case Alert.Kinds.HTTP_5XX_SHARE -> {
                var share = BigDecimal.valueOf(count).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP);
                yield Alert.of(t.kind(), t.keyType(), t.key(), count, rules.http5xxShare, share, t.windowStart(),
                        t.windowEnd(), now, Alert.Severity.CRITICAL, "lambda:alerter",
                        count + " of " + total + " requests answered 5xx (" + share.movePointRight(2)
                                .stripTrailingZeros().toPlainString() + " %)", t.samples());
            }
            case Alert.Kinds.PAYMENT_FAILURES -> Alert.of(t.kind(), t.keyType(), t.key(), count,
                    BigDecimal.valueOf(rules.threshold(t.kind())), null, t.windowStart(), t.windowEnd(), now,
                    Alert.Severity.CRITICAL, "lambda:alerter", count + " failed payments in a minute", t.samples());
            default -> Alert.of(t.kind(), t.keyType(), t.key(), count,
                    BigDecimal.valueOf(rules.threshold(t.kind())), null, t.windowStart(), t.windowEnd(), now,
                    Alert.Severity.WARNING, "lambda:alerter", count + " failed logins for " + t.keyType() + " "
                            + t.key() + " in " + Duration.between(t.windowStart(), t.windowEnd()).toSeconds() + " s",
                    t.samples());
        };
    }
}
