package io.ecomlog.backend.opensearch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.ecomlog.reader.RecordReader;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Indexes the events of a Kinesis batch (the event source mapping needs {@code ReportBatchItemFailures}). Every
 * record is read by the shared {@link RecordReader} (KPL aggregates, gzip, NDJSON); what is not an event is counted
 * by reason and written to the dead-letter prefix; the events go to OpenSearch in bounded bulk requests. A document
 * OpenSearch refuses for good (400: a mapping conflict) goes to the dead-letter prefix with the reason; a record with
 * a document that still got 429/5xx or no answer after the retries — or whose dead letter could not be written — is
 * returned in {@code batchItemFailures}, so Lambda delivers it again (ids are {@code event_id}: no duplicates).
 */
public final class KinesisIndexerHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    private final EventIndexer indexer;
    private final RecordReader reader;
    private final Consumer<IndexReport> reports;

    /** Lambda's constructor: configuration from the environment, checked here (cold start). */
    public KinesisIndexerHandler() {
        this(Indexers.fromEnvironment());
    }

    public KinesisIndexerHandler(EventIndexer indexer) {
        this(indexer, report -> { });
    }

    /** {@code reports} is handed each invocation's report after it is logged (local mode adds them up). */
    public KinesisIndexerHandler(EventIndexer indexer, Consumer<IndexReport> reports) {
        this.indexer = indexer;
        this.reader = new RecordReader(indexer.codec());
        this.reports = reports;
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        indexer.setUpOnce();
        var report = new IndexReport();
        Input input = read(event.getRecords(), report);
        BulkIndexer.Result result = indexer.bulk().index(input.documents());
        report.bulk(result);

        // sequence numbers of the records Lambda is to deliver again
        Set<String> redeliver = new LinkedHashSet<>();
        var failed = new ArrayList<DeadLetter>();
        for (FailedDocument failure : result.failed()) {
            if (failure.retryable()) {
                redeliver.add(failure.document().origin());
            } else {
                failed.add(DeadLetter.failed(failure));
            }
        }
        writeDeadLetters(DeadLetter.Kind.FAILED, failed, redeliver, report);
        writeDeadLetters(DeadLetter.Kind.REJECTED, input.rejected(), redeliver, report);
        report.redelivered(redeliver.stream().mapToLong(s -> input.eventsOfRecord().getOrDefault(s, 0)).sum());

        indexer.log().info("kinesis batch indexed", withRecords(report, event.getRecords().size(), redeliver));
        reports.accept(report);
        return StreamsEventResponse.builder().withBatchItemFailures(redeliver.stream()
                .map(s -> StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(s).build())
                .toList()).build();
    }

    /** What the records held: documents and rejections, each tagged with its record's sequence number. */
    private record Input(List<IndexDocument> documents, List<DeadLetter> rejected,
                         Map<String, Integer> eventsOfRecord) {
    }

    private Input read(List<KinesisEvent.KinesisEventRecord> records, IndexReport report) {
        var input = new Input(new ArrayList<>(), new ArrayList<>(), new HashMap<>());
        for (KinesisEvent.KinesisEventRecord record : records) {
            String sequence = record.getKinesis().getSequenceNumber();
            RecordReader.Read read = reader.read(bytes(record.getKinesis().getData()));
            for (var e : read.events()) {
                input.documents().add(indexer.document(e, sequence));
            }
            input.eventsOfRecord().put(sequence, read.events().size());
            for (var rejection : read.rejected()) {
                report.rejected(rejection.reason());
                input.rejected().add(DeadLetter.rejected(rejection, sequence));
            }
        }
        report.events(input.documents().size());
        return input;
    }

    /** Writes the letters; if S3 fails, their records are handed back instead, so nothing is lost. */
    private void writeDeadLetters(DeadLetter.Kind kind, List<DeadLetter> letters, Set<String> redeliver,
                                  IndexReport report) {
        try {
            indexer.deadLetters().write(kind, "kinesis", letters);
            report.deadLettered(letters.size());
        } catch (RuntimeException e) {
            letters.forEach(letter -> redeliver.add(letter.origin()));
            indexer.log().error("dead letters not written; their records will be delivered again",
                    Map.of("kind", kind.name(), "count", letters.size(), "error", String.valueOf(e.getMessage())));
        }
    }

    private static Map<String, Object> withRecords(IndexReport report, int records, Set<String> redeliver) {
        var fields = new HashMap<>(report.asMap());
        fields.put("records", records);
        fields.put("batch_item_failures", redeliver.size());
        return fields;
    }

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer copy = data.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
