package io.ecomlog.backend.spark.als;

import io.ecomlog.deployment.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The recommendations table the shop reads: one item per person ({@code pk = user#<id>}) and per product
 * ({@code pk = product#<id>}), its list of {@code {product_id, score}} best first, and when it was computed.
 * Written with BatchWriteItem, 25 items a call, unprocessed items retried. The rows stream to the driver one Spark
 * partition at a time, so the write needs no credentials on the executors and at most one partition in memory.
 */
public final class RecommendationTable {

    static final int BATCH = 25;
    static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public RecommendationTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Writes {@code id column, list column} rows under {@code prefix#id}; returns the number of items written. */
    public long write(Dataset<Row> rows, String prefix, String listColumn) {
        String computedAt = Instant.now().toString();
        var batch = new ArrayList<WriteRequest>(BATCH);
        long written = 0;
        Iterator<Row> it = rows.toLocalIterator();
        while (it.hasNext()) {
            Row row = it.next();
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(item(prefix + "#" + row.getString(0), row.getList(row.fieldIndex(listColumn)), computedAt))
                    .build()).build());
            if (batch.size() == BATCH) {
                written += flush(batch);
            }
        }
        return written + flush(batch);
    }

    private static Map<String, AttributeValue> item(String pk, List<Row> entries, String computedAt) {
        var list = new ArrayList<AttributeValue>(entries.size());
        for (Row e : entries) {
            list.add(AttributeValue.fromM(Map.of(
                    "product_id", AttributeValue.fromS(e.getString(e.fieldIndex("product_id"))),
                    "score", AttributeValue.fromN(Double.toString(((Number) e.get(e.fieldIndex("score")))
                            .doubleValue())))));
        }
        var item = new HashMap<String, AttributeValue>();
        item.put(Tables.RECOMMENDATIONS.partitionKey(), AttributeValue.fromS(pk));
        item.put("items", AttributeValue.fromL(list));
        item.put("computed_at", AttributeValue.fromS(computedAt));
        return item;
    }

    private long flush(List<WriteRequest> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        long count = batch.size();
        Map<String, List<WriteRequest>> pending = Map.of(table, List.copyOf(batch));
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new IllegalStateException(pending.get(table).size() + " recommendation items still unprocessed"
                        + " after " + MAX_ATTEMPTS + " attempts: the table's write capacity is exhausted");
            }
            pending = dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(pending).build())
                    .unprocessedItems();
            if (!pending.isEmpty()) {
                sleep(50L << attempt);
            }
        }
        batch.clear();
        return count;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
