package io.ecomlog.examples;

import io.ecomlog.event.EventValidationException;
import io.ecomlog.event.Events;
import io.ecomlog.event.HttpAccess;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Apache access logs in the Combined Log Format
 * ({@code host ident authuser [time] "request" status bytes "referrer" "user-agent"}; the Common Log Format, without
 * the last two fields, is read too) into {@code http_access} events.
 *
 * <p>{@code -} means "absent" in every field but the request line: ident, user, referrer and user agent are left out,
 * a response size of {@code -} (no body, e.g. a 304) is left out and counted under {@link ParseResult#tolerated()}.
 * Rejected lines, counted by reason under {@link ParseResult#rejected()}: lines that are not in the format, an
 * unreadable time, an odd request line (not {@code METHOD target HTTP/x.y}: the garbage scanners and broken clients
 * send, or {@code -} for a connection closed before a request), a status that is not a number.
 */
public final class ApacheAccessLogParser {

    private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern LINE = Pattern.compile("^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] " + QUOTED
            + " (\\S+) (\\S+)(?: " + QUOTED + " " + QUOTED + ")?\\s*$");
    private static final Pattern REQUEST = Pattern.compile("^([A-Z][A-Z_-]*) (\\S+) (HTTP/\\d(?:\\.\\d)?)$");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    /** Parses a file (UTF-8; undecodable bytes are replaced, not fatal). */
    public ParseResult parse(Path file) throws IOException {
        try (var reader = TextFiles.reader(file)) {
            return parse(reader);
        }
    }

    public ParseResult parse(BufferedReader reader) throws IOException {
        var result = new ParseResult("apache");
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            result.row();
            parseLine(line, result);
        }
        return result;
    }

    private static void parseLine(String line, ParseResult result) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            result.reject("not in combined log format");
            return;
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(m.group(4), TIME).toInstant();
        } catch (DateTimeParseException e) {
            result.reject("unreadable time");
            return;
        }
        Matcher request = REQUEST.matcher(unescape(m.group(5)));
        if (!request.matches()) {
            result.reject("odd request line");
            return;
        }
        int status;
        try {
            status = Integer.parseInt(m.group(6));
        } catch (NumberFormatException e) {
            result.reject("status not a number");
            return;
        }
        Long bytes = null;
        if ("-".equals(m.group(7))) {
            result.tolerate("no response size (-)");
        } else {
            try {
                bytes = Long.parseLong(m.group(7));
            } catch (NumberFormatException e) {
                result.reject("response size not a number");
                return;
            }
        }
        var access = HttpAccess.builder(request.group(1), request.group(2), status)
                .host(m.group(1))
                .ident(dashToNull(m.group(2)))
                .authuser(dashToNull(m.group(3)))
                .protocol(request.group(3))
                .bytes(bytes)
                .referrer(m.group(8) == null ? null : dashToNull(unescape(m.group(8))))
                .userAgent(m.group(9) == null ? null : dashToNull(unescape(m.group(9))))
                .build();
        try {
            result.event(Events.httpAccess(access).eventTime(time).build());
        } catch (EventValidationException e) {
            result.reject("invalid event");
        }
    }

    private static String dashToNull(String s) {
        return s == null || s.isEmpty() || "-".equals(s) ? null : s;
    }

    /** Apache writes {@code "} and {@code \} inside quoted fields as {@code \"} and {@code \\}. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        var sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                sb.append(s.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
