package io.ecomlog.backend.opensearch;

/**
 * A document that could not be indexed: the last answer for it ({@code status} 0 when no HTTP answer came, e.g.
 * the domain was unreachable), the error type and reason, whether more tries could have helped (429, 5xx, no
 * answer) and how many tries it had.
 */
public record FailedDocument(IndexDocument document, int status, String errorType, String reason,
                             boolean retryable, int attempts) {
}
