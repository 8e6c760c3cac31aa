package io.ecomlog.backend.spark.als;

import io.ecomlog.deployment.Tables;
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
 * Written with BatchWriteItem, 25 items a call, unprocessed items retried. It takes an iterator, not a Spark
 * dataset: the job streams the rows to the driver one partition at a time (no credentials on the executors, at most
 * one partition in memory), and the stack's tests write the deployed table without Spark.
 */
public final class RecommendationTable {

    /** Whose recommendations ({@code user} or {@code product}, and the id) and the products, best first. */
    public record Item(String kind, String id, List<Scored> products) {
        public String partitionKey() {
            return kind + "#" + id;
        }
    }

    /** A recommended product and its score. */
    public record Scored(String productId, double score) {
    }

    static final int BATCH = 25;
    static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public RecommendationTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Writes every item; returns the number written. */
    public long write(Iterator<Item> items) {
        String computedAt = Instant.now().toString();
        var batch = new ArrayList<WriteRequest>(BATCH);
        long written = 0;
        while (items.hasNext()) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(items.next(), computedAt))
                    .build()).build());
            if (batch.size() == BATCH) {
                written += flush(batch);
            }
        }
        return written + flush(batch);
    }

    private static Map<String, AttributeValue> item(Item item, String computedAt) {
        var list = new ArrayList<AttributeValue>(item.products().size());
        for (Scored e : item.products()) {
            list.add(AttributeValue.fromM(Map.of(
                    "product_id", AttributeValue.fromS(e.productId()),
                    "score", AttributeValue.fromN(Double.toString(e.score())))));
        }
        var out = new HashMap<String, AttributeValue>();
        out.put(Tables.RECOMMENDATIONS.partitionKey(), AttributeValue.fromS(item.partitionKey()));
        out.put("items", AttributeValue.fromL(list));
        out.put("computed_at", AttributeValue.fromS(computedAt));
        return out;
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
