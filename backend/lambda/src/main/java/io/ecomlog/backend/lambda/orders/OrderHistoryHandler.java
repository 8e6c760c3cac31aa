package io.ecomlog.backend.lambda.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.ecomlog.applog.StructuredLog;
import io.ecomlog.backend.lambda.Buffers;
import io.ecomlog.backend.lambda.FunctionMetrics;
import io.ecomlog.backend.order.OrderHistoryStore;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.deployment.FunctionEnvironments.OrderHistory;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.reader.RecordReader;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Order history: Kinesis event stream → DynamoDB orders table ({@link OrderHistoryStore}: one item per order, keyed
 * for "a customer's orders, newest first"; cancellations and refunds update the order's status).
 *
 * <p>Records are read with the shared {@link RecordReader} (KPL aggregates, gzip, NDJSON). Order events are applied
 * idempotently (conditional writes keyed by {@code event_id}), other events are skipped, lines that are not events
 * are counted by reason and logged — never a failure of the batch. Different orders are written in parallel
 * ({@code ORDER_WRITE_CONCURRENCY} threads), the events of one order one after another in record order. When
 * DynamoDB fails past the SDK's retries (throttling, an outage), that order's later events are not written and the
 * earliest record with an unwritten event is reported as the batch's first failure ({@code ReportBatchItemFailures}):
 * Lambda retries from there, the records before it are not replayed, and what was written from it on is recognised
 * as duplicates.
 *
 * <p>Environment: {@code ORDERS_TABLE} (required), {@code ORDER_WRITE_CONCURRENCY} (8, 1-64).
 */
public final class OrderHistoryHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    private final OrderHistoryStore store;
    private final RecordReader reader = new RecordReader(new EventCodec());
    private final StructuredLog log = new StructuredLog(OrderHistoryHandler.class.getSimpleName());
    private final FunctionMetrics metrics = new FunctionMetrics("order-history");
    private final ExecutorService writers;

    /** Lambda's constructor: configuration from the environment, the default client (no call made here). */
    public OrderHistoryHandler() {
        this(EnvConfig.fromSystem(), DynamoDbClient.create());
    }

    public OrderHistoryHandler(EnvConfig env, DynamoDbClient dynamo) {
        this.store = new OrderHistoryStore(dynamo, OrderHistory.ORDERS_TABLE.read(env));
        int concurrency = OrderHistory.ORDER_WRITE_CONCURRENCY.read(env);
        this.writers = Executors.newFixedThreadPool(concurrency, r -> {
            var t = new Thread(r, "order-history-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** An order event and the index of the record it came in. */
    private record Pending(int record, EcomEvent event) {
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent input, Context context) {
        var rejected = new TreeMap<String, Long>();
        // the events of one order in record order; different orders are independent, so they are written in parallel
        var byOrder = new LinkedHashMap<String, List<Pending>>();
        var records = input.getRecords();
        for (int i = 0; i < records.size(); i++) {
            var record = records.get(i);
            var read = reader.read(Buffers.bytes(record.getKinesis().getData()));
            read.rejected().forEach(r -> rejected.merge(r.reason(), 1L, Long::sum));
            if (!read.rejected().isEmpty()) {
                log.warn("lines rejected", Map.of("sequence_number", record.getKinesis().getSequenceNumber(),
                        "reasons", read.rejected().stream().map(r -> r.reason()).toList(),
                        "first_excerpt", excerpt(read.rejected().get(0).excerpt())));
            }
            for (var event : read.events()) {
                if (OrderHistoryStore.isOrderEvent(event)) {
                    byOrder.computeIfAbsent(OrderHistoryStore.customerKey(event) + "\u0000" + event.orderId(),
                            k -> new ArrayList<>()).add(new Pending(i, event));
                }
            }
        }
        var outcomes = new ConcurrentHashMap<String, Long>();
        var firstFailed = new AtomicInteger(Integer.MAX_VALUE);
        var lastError = new AtomicReference<SdkException>();
        var writes = new ArrayList<CompletableFuture<Void>>();
        for (var events : byOrder.values()) {
            writes.add(CompletableFuture.runAsync(() -> {
                for (var pending : events) {
                    try {
                        outcomes.merge(store.apply(pending.event()).name().toLowerCase(Locale.ROOT), 1L,
                                Long::sum);
                    } catch (SdkException e) {
                        firstFailed.accumulateAndGet(pending.record(), Math::min);
                        lastError.set(e);
                        return; // this order's later events wait for the retry, so they stay in order
                    }
                }
            }, writers));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();

        var failures = new ArrayList<StreamsEventResponse.BatchItemFailure>();
        if (firstFailed.get() != Integer.MAX_VALUE) {
            // Lambda retries from the first record with an event not written; what was written after it is
            // recognised as duplicates on the retry
            String sequence = records.get(firstFailed.get()).getKinesis().getSequenceNumber();
            failures.add(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(sequence).build());
            log.error("DynamoDB failed; the batch is retried from this record", Map.of(
                    "sequence_number", sequence, "error", String.valueOf(lastError.get())));
        }
        metrics.count("records", records.size());
        outcomes.forEach((outcome, n) -> metrics.count("events_" + outcome, n));
        metrics.countByReason("rejected", rejected);
        metrics.count("batch_failures", failures.size());
        metrics.flush();
        var fields = new LinkedHashMap<String, Object>();
        fields.put("records", records.size());
        fields.put("orders", byOrder.size());
        fields.put("events", new TreeMap<>(outcomes));
        fields.put("rejected", rejected);
        fields.put("failed_from", failures.isEmpty() ? null : failures.get(0).getItemIdentifier());
        log.info("batch done", fields);
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private static String excerpt(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200);
    }


}
