package io.ecomlog.backend.lambda.alerts;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The alerter's table, one key {@value #PK} and a TTL attribute {@value #EXPIRES_AT} (epoch seconds), holding
 * three kinds of item: {@code alert#<alert_id>} (every alert seen, with its JSON, status and SNS message id),
 * {@code cooldown#<kind>#<key_type>#<key>} (until when a kind and key stay quiet, and how many alerts were held
 * back meanwhile), and {@code window#<kind>#<key>#<window start>} (the rules' counters).
 */
public final class AlertTable {

    public static final String PK = "pk";
    public static final String EXPIRES_AT = "expires_at";

    private AlertTable() {
    }

    public static CreateTableRequest definition(String table) {
        return CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(PK)
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build()).build();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
