package io.ecomlog.backend.opensearch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.ecomlog.backend.aws.S3ObjectRef;
import io.ecomlog.codec.MalformedEventException;
import io.ecomlog.reader.ObjectLines;
import io.ecomlog.reader.RecordReader;
import io.ecomlog.reader.Rejection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Indexes the processed objects (NDJSON.gz of ecomlog events) named by S3 {@code ObjectCreated} events, direct or
 * through EventBridge. An object is streamed line by line, never held whole: documents go out in bulk requests of
 * {@code BULK_MAX_DOCUMENTS} as they are read. Lines that are no event are counted by reason and written to the
 * dead-letter prefix with their excerpt. An S3 event cannot be retried in part, so documents that still failed
 * after the retries — refused (400) or not (429/5xx, no answer) — all go to the dead-letter prefix with their reason;
 * only if that write fails does the invocation fail, and Lambda's retry reads the object again (ids are
 * {@code event_id}: re-indexing is harmless).
 */
public final class S3IndexerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final EventIndexer indexer;

    /** Lambda's constructor: configuration from the environment, checked here (cold start). */
    public S3IndexerHandler() {
        this(Indexers.fromEnvironment());
        indexer.s3(); // every invocation reads S3: build the client during init, not in the first invocation
    }

    public S3IndexerHandler(EventIndexer indexer) {
        this.indexer = indexer;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        indexer.setUpOnce();
        var report = new IndexReport();
        List<S3ObjectRef> refs = S3ObjectRef.fromEvent(JsonResources.JSON.valueToTree(event));
        for (S3ObjectRef ref : refs) {
            indexObject(ref, report);
        }
        Map<String, Object> summary = report.asMap();
        indexer.log().info("objects indexed", Map.of("objects", refs.size(), "report", summary));
        return summary;
    }

    /** Streams one object through the indexer. */
    public void indexObject(S3ObjectRef ref, IndexReport report) {
        var batch = new Batch(ref, report);
        try (InputStream in = indexer.s3().getObject(b -> b.bucket(ref.bucket()).key(ref.key()));
             ObjectLines lines = ObjectLines.open(in)) {
            for (ObjectLines.Line line = lines.next(); line != null; line = lines.next()) {
                batch.add(line);
            }
            if (lines.brokenGzip() != null) {
                batch.reject(new Rejection(RecordReader.BROKEN_GZIP, lines.brokenGzip(), ""), "end");
            }
        } catch (IOException e) {
            // the object could not be read to its end: fail, Lambda reads it again (indexed lines are harmless)
            throw new UncheckedIOException("reading " + ref + " failed", e);
        }
        batch.flush();
    }

    /** The documents and rejections of one object, flushed every {@code BULK_MAX_DOCUMENTS} documents. */
    private final class Batch {
        private final S3ObjectRef ref;
        private final IndexReport report;
        private final List<IndexDocument> documents = new ArrayList<>();
        private final List<DeadLetter> rejected = new ArrayList<>();
        private long bytes;

        Batch(S3ObjectRef ref, IndexReport report) {
            this.ref = ref;
            this.report = report;
        }

        void add(ObjectLines.Line line) {
            String origin = ref + "#" + line.number();
            if (line.tooLong()) {
                reject(Rejection.of("line too long", "over " + ObjectLines.DEFAULT_MAX_LINE_BYTES + " bytes",
                        line.bytes()), origin);
                return;
            }
            try {
                IndexDocument document = indexer.document(indexer.codec().decode(line.bytes()), origin);
                documents.add(document);
                bytes += document.source().length;
                report.events(1);
            } catch (MalformedEventException e) {
                reject(Rejection.of(e.reason().label(), e.getMessage(), line.bytes()), origin);
            }
            var bulk = indexer.config().bulk();
            if (documents.size() >= bulk.maxDocuments() || bytes >= bulk.maxBytes()
                    || rejected.size() >= bulk.maxDocuments()) {
                flush();
            }
        }

        void reject(Rejection rejection, String origin) {
            report.rejected(rejection.reason());
            rejected.add(DeadLetter.rejected(rejection, origin));
        }

        void flush() {
            BulkIndexer.Result result = indexer.bulk().index(documents);
            report.bulk(result);
            var failed = result.failed().stream().map(DeadLetter::failed).toList();
            // throws if S3 fails: the invocation fails and the object is read again, nothing is lost
            indexer.deadLetters().write(DeadLetter.Kind.FAILED, "s3", failed);
            indexer.deadLetters().write(DeadLetter.Kind.REJECTED, "s3", rejected);
            report.deadLettered(failed.size() + rejected.size());
            documents.clear();
            rejected.clear();
            bytes = 0;
        }
    }
}
