package io.ecomlog.publicdata;

import io.ecomlog.access.AccessLogParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads an Apache or Nginx access-log file into {@code http_access} events with the backend's
 * {@link AccessLogParser} (the one parser of access logs, shared with the S3 log processor and the Firehose
 * transformation), counting rejected lines and tolerated gaps by reason in a {@link ParseResult}.
 */
public final class ApacheAccessLogParser {

    /** The name of this file's source in a {@link ParseResult}. */
    public static final String SOURCE = "apache";

    private final AccessLogParser parser = new AccessLogParser();

    /** Parses a file (UTF-8; undecodable bytes are replaced, not fatal). */
    public ParseResult parse(Path file) throws IOException {
        try (var reader = TextFiles.reader(file)) {
            return parse(reader);
        }
    }

    public ParseResult parse(BufferedReader reader) throws IOException {
        var result = new ParseResult(SOURCE);
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            result.row();
            var parsed = parser.parse(line);
            if (parsed instanceof AccessLogParser.Parsed p) {
                result.event(p.event());
                p.tolerated().forEach(result::tolerate);
            } else if (parsed instanceof AccessLogParser.Rejected r) {
                result.reject(r.reason());
            }
        }
        return result;
    }
}
