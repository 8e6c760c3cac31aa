package io.ecomlog.backend.opensearch;

/**
 * One document to index: its id ({@code event_id}, so a re-delivered event overwrites itself), its daily index,
 * its JSON source and where it came from (a Kinesis sequence number, an S3 key and line) for dead letters and
 * batch item failures.
 */
public record IndexDocument(String id, String index, byte[] source, String origin) {
}
