package io.ecomlog.backend.lambda.alerts;

import io.ecomlog.backend.aws.TableRequests;
import io.ecomlog.deployment.Tables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The alerter's table ({@link Tables#ALERTS}): one key {@code pk} and a TTL attribute {@code expires_at} (epoch
 * seconds), holding three kinds of item: {@code alert#<alert_id>} (every alert seen, with its JSON, status and SNS
 * message id), {@code cooldown#<kind>#<key_type>#<key>} (until when a kind and key stay quiet, and how many alerts
 * were held back meanwhile), and {@code window#<kind>#<key>#<window start>} (the rules' counters).
 */
public final class AlertTable {

    public static final String PK = Tables.ALERTS.partitionKey();
    public static final String EXPIRES_AT = Tables.ALERTS.ttlAttribute();

    private AlertTable() {
    }

    public static CreateTableRequest definition(String table) {
        return TableRequests.create(Tables.ALERTS, table);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
