package io.ecomlog.backend.opensearch;

import io.ecomlog.reader.Rejection;

/**
 * One entry of the dead-letter prefix: a document OpenSearch would not take ({@link Kind#FAILED}, with the status,
 * error and tries, and the document itself to replay) or input that was no event ({@link Kind#REJECTED}, with the
 * reader's reason and an excerpt).
 */
public record DeadLetter(Kind kind, String reason, String origin, int status, String errorType, int attempts,
                         String index, String id, byte[] document, String excerpt) {

    public enum Kind { FAILED, REJECTED }

    public static DeadLetter failed(FailedDocument failure) {
        IndexDocument doc = failure.document();
        return new DeadLetter(Kind.FAILED, failure.reason(), doc.origin(), failure.status(), failure.errorType(),
                failure.attempts(), doc.index(), doc.id(), doc.source(), null);
    }

    public static DeadLetter rejected(Rejection rejection, String origin) {
        return new DeadLetter(Kind.REJECTED, rejection.reason(), origin, 0, null, 0, null, null, null,
                rejection.excerpt());
    }
}
