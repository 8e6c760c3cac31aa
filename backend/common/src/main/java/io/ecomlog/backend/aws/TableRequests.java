package io.ecomlog.backend.aws;

import io.ecomlog.deployment.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.ArrayList;
import java.util.LinkedHashSet;

/**
 * A {@link TableSpec} as a {@code CreateTableRequest}, for local mode and the tests (the deployment stack derives
 * its CloudFormation tables from the same spec). Time to live is not part of a create request; DynamoDB Local and
 * dynalite do not expire items anyway, and the readers check the expiry attribute themselves.
 */
public final class TableRequests {

    private TableRequests() {
    }

    public static CreateTableRequest create(TableSpec spec, String tableName) {
        var attributes = new LinkedHashSet<String>();
        attributes.add(spec.partitionKey());
        var keys = new ArrayList<KeySchemaElement>();
        keys.add(key(spec.partitionKey(), KeyType.HASH));
        if (spec.sortKey() != null) {
            attributes.add(spec.sortKey());
            keys.add(key(spec.sortKey(), KeyType.RANGE));
        }
        var indexes = new ArrayList<LocalSecondaryIndex>();
        for (var index : spec.localIndexes()) {
            attributes.add(index.sortKey());
            indexes.add(LocalSecondaryIndex.builder().indexName(index.name())
                    .keySchema(key(spec.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build());
        }
        var builder = CreateTableRequest.builder().tableName(tableName).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes.stream().map(a -> AttributeDefinition.builder().attributeName(a)
                        .attributeType(ScalarAttributeType.S).build()).toList())
                .keySchema(keys);
        if (!indexes.isEmpty()) {
            builder.localSecondaryIndexes(indexes);
        }
        return builder.build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
