package io.ecomlog.backend.lambda.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.ecomlog.backend.config.EnvConfig;
import io.ecomlog.backend.lambda.Buffers;
import io.ecomlog.backend.lambda.FunctionMetrics;
import io.ecomlog.backend.log.StructuredLog;
import io.ecomlog.backend.order.OrderHistoryStore;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.reader.RecordReader;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Order history: Kinesis event stream → DynamoDB orders table ({@link OrderHistoryStore}: one item per order, keyed
 * for "a customer's orders, newest first"; cancellations and refunds update the order's status).
 *
 * <p>Records are read with the shared {@link RecordReader} (KPL aggregates, gzip, NDJSON). Order events are applied
 * idempotently (conditional writes keyed by {@code event_id}), other events are skipped, lines that are not events
 * are counted by reason and logged — never a failure of the batch. When DynamoDB fails past the SDK's retries
 * (throttling, an outage), the handler stops and reports that record as the batch's first failure
 * ({@code ReportBatchItemFailures}): Lambda retries from there, the records before it are not replayed, and the
 * events of the failed record that were applied already are recognised as duplicates.
 *
 * <p>Environment: {@code ORDERS_TABLE} (required).
 */
public final class OrderHistoryHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    private final OrderHistoryStore store;
    private final RecordReader reader = new RecordReader(new EventCodec());
    private final StructuredLog log = new StructuredLog(OrderHistoryHandler.class.getSimpleName());
    private final FunctionMetrics metrics = new FunctionMetrics("order-history");

    /** Lambda's constructor: configuration from the environment, the default client (no call made here). */
    public OrderHistoryHandler() {
        this(EnvConfig.fromSystem(), DynamoDbClient.create());
    }

    public OrderHistoryHandler(EnvConfig env, DynamoDbClient dynamo) {
        this.store = new OrderHistoryStore(dynamo, env.required("ORDERS_TABLE"));
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent input, Context context) {
        var outcomes = new TreeMap<String, Long>();
        var rejected = new TreeMap<String, Long>();
        var failures = new ArrayList<StreamsEventResponse.BatchItemFailure>();
        long records = 0;
        for (var record : input.getRecords()) {
            var read = reader.read(Buffers.bytes(record.getKinesis().getData()));
            read.rejected().forEach(r -> rejected.merge(r.reason(), 1L, Long::sum));
            if (!read.rejected().isEmpty()) {
                log.warn("lines rejected", Map.of("sequence_number", record.getKinesis().getSequenceNumber(),
                        "reasons", read.rejected().stream().map(r -> r.reason()).toList(),
                        "first_excerpt", excerpt(read.rejected().get(0).excerpt())));
            }
            try {
                for (var event : read.events()) {
                    outcomes.merge(store.apply(event).name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
                }
                records++;
            } catch (SdkException e) {
                failures.add(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(record.getKinesis().getSequenceNumber()).build());
                log.error("DynamoDB failed; the batch is retried from this record", Map.of(
                        "sequence_number", record.getKinesis().getSequenceNumber(), "error", e.toString()));
                break; // the retry starts here: records after it must not be applied out of order
            }
        }
        metrics.count("records", records);
        outcomes.forEach((outcome, n) -> metrics.count("events_" + outcome, n));
        metrics.countByReason("rejected", rejected);
        metrics.count("batch_failures", failures.size());
        metrics.flush();
        var fields = new LinkedHashMap<String, Object>();
        fields.put("records", input.getRecords().size());
        fields.put("events", outcomes);
        fields.put("rejected", rejected);
        fields.put("failed_from", failures.isEmpty() ? null : failures.get(0).getItemIdentifier());
        log.info("batch done", fields);
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private static String excerpt(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200);
    }


}
