package io.ecomlog.backend.opensearch;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.transport.httpclient5.ResponseException;
import org.opensearch.client.util.BinaryData;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Indexes documents through the bulk API: requests bounded by {@link BulkSettings#maxDocuments()} and
 * {@link BulkSettings#maxBytes()}, each document an {@code index} operation under its {@code event_id} (a re-delivered
 * document replaces itself). Items answered 429 or 5xx — and whole requests that got no answer, 429 or 5xx — are
 * tried again with capped exponential backoff up to {@link BulkSettings#maxAttempts()}; other failures (400: a
 * mapping conflict, a document the index refuses) are not, since a retry would get the same answer. What still
 * failed comes back in {@link Result#failed()}, never dropped. Not thread-safe; one per invocation is fine.
 */
public final class BulkIndexer {

    private static final String JSON = "application/json";

    private final OpenSearchClient client;
    private final BulkSettings settings;
    private final Sleeper sleeper;

    /** Waits between tries; tests pass one that records the waits. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
    }

    /** What a call did: documents indexed, bulk requests sent, items tried again, and the documents that failed. */
    public record Result(int indexed, int requests, int retriedItems, List<FailedDocument> failed) {
    }

    public BulkIndexer(OpenSearchClient client, BulkSettings settings, Sleeper sleeper) {
        this.client = client;
        this.settings = settings;
        this.sleeper = sleeper;
    }

    public Result index(List<IndexDocument> documents) {
        var tally = new Tally();
        int from = 0;
        while (from < documents.size()) {
            int to = chunkEnd(documents, from);
            indexChunk(documents.subList(from, to), tally);
            from = to;
        }
        return new Result(tally.indexed, tally.requests, tally.retried, List.copyOf(tally.failed));
    }

    /** The end of the chunk starting at {@code from}: at most maxDocuments, at most maxBytes (but at least one). */
    private int chunkEnd(List<IndexDocument> documents, int from) {
        long bytes = 0;
        int to = from;
        while (to < documents.size() && to - from < settings.maxDocuments()) {
            bytes += documents.get(to).source().length;
            if (bytes > settings.maxBytes() && to > from) {
                break;
            }
            to++;
        }
        return to;
    }

    private void indexChunk(List<IndexDocument> chunk, Tally tally) {
        List<IndexDocument> pending = chunk;
        for (int attempt = 1; ; attempt++) {
            var retry = new ArrayList<FailedDocument>();
            tally.requests++;
            send(pending, attempt, tally, retry);
            if (retry.isEmpty()) {
                return;
            }
            if (attempt >= settings.maxAttempts()) {
                tally.failed.addAll(retry);
                return;
            }
            tally.retried += retry.size();
            if (!pause(settings.backoff(attempt, ThreadLocalRandom.current().nextDouble()))) {
                tally.failed.addAll(retry);
                return;
            }
            pending = retry.stream().map(FailedDocument::document).toList();
        }
    }

    /** One bulk request: indexed ones counted, permanent failures to the tally, retryable ones to {@code retry}. */
    private void send(List<IndexDocument> documents, int attempt, Tally tally, List<FailedDocument> retry) {
        BulkResponse response;
        try {
            response = client.bulk(request(documents));
        } catch (OpenSearchException e) {
            String type = e.error() == null ? "http_" + e.status() : e.error().type();
            wholeRequestFailed(documents, e.status(), type, e.getMessage(), attempt, tally, retry);
            return;
        } catch (ResponseException e) {
            wholeRequestFailed(documents, e.status(), "http_" + e.status(), e.getMessage(), attempt, tally, retry);
            return;
        } catch (IOException e) {
            wholeRequestFailed(documents, 0, e.getClass().getSimpleName(), String.valueOf(e.getMessage()), attempt,
                    tally, retry);
            return;
        }
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < documents.size(); i++) {
            BulkResponseItem item = i < items.size() ? items.get(i) : null;
            if (item != null && item.error() == null && item.status() < 300) {
                tally.indexed++;
                continue;
            }
            int status = item == null ? 0 : item.status();
            String type = item == null || item.error() == null ? "missing_item" : item.error().type();
            String reason = item == null || item.error() == null ? "no answer for this item"
                    : item.error().reason();
            var failure = new FailedDocument(documents.get(i), status, type, reason, isRetryable(status), attempt);
            (failure.retryable() ? retry : tally.failed).add(failure);
        }
    }

    private static void wholeRequestFailed(List<IndexDocument> documents, int status, String type, String reason,
                                           int attempt, Tally tally, List<FailedDocument> retry) {
        boolean retryable = isRetryable(status);
        for (IndexDocument document : documents) {
            var failure = new FailedDocument(document, status, type, reason, retryable, attempt);
            (retryable ? retry : tally.failed).add(failure);
        }
    }

    /** 429 (queue full), 5xx and no answer at all may pass on a later try; 4xx will not. */
    static boolean isRetryable(int status) {
        return status == 0 || status == 429 || status >= 500;
    }

    private BulkRequest request(List<IndexDocument> documents) {
        var operations = new ArrayList<BulkOperation>(documents.size());
        for (IndexDocument document : documents) {
            // BinaryData: the encoded event goes out as it is, no object model in between
            operations.add(BulkOperation.of(op -> op.index(idx -> idx
                    .index(document.index())
                    .id(document.id())
                    .document(BinaryData.of(document.source(), JSON)))));
        }
        return BulkRequest.of(b -> b.operations(operations));
    }

    private boolean pause(Duration duration) {
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final class Tally {
        int indexed;
        int requests;
        int retried;
        final List<FailedDocument> failed = new ArrayList<>();
    }
}
