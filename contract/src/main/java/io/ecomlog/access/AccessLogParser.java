package io.ecomlog.access;

import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventValidationException;
import io.ecomlog.event.Events;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.event.Page;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of Apache and Nginx access logs, used by the S3 log processor, the Firehose transformation and the
 * demo. Reads the Combined Log Format ({@code host ident authuser [time] "request" status bytes "referrer"
 * "user-agent"}), the Common Log Format (without the last two), and Nginx's variants: extra quoted or plain fields
 * after the user agent (forwarded-for, request time) are ignored, quotes escaped as {@code \"} or {@code \x22}, times
 * as {@code 10/Oct/2000:13:55:36 -0700} with any offset or as ISO-8601 ({@code $time_iso8601}), IPv6 clients.
 * Escaped text ({@code \xHH} runs, {@code \"}, {@code \\}) is read back as the UTF-8 text that was logged
 * ({@link LogEscapes}); a field whose bytes are not UTF-8 is kept as logged and named in
 * {@value #UNDECODED_FIELDS}.
 *
 * <p>It never throws on a line: {@link #parse} returns an {@code http_access} event or a {@link Rejected} reason.
 * {@code -} means absent in every field; a size of {@code -} (no body, e.g. a 304) is kept as absent and noted as
 * {@link Parsed#tolerated()}. Rejected, by reason: lines not in the format, an unreadable time, no request line
 * ({@code "-"}, a connection closed before it sent one), a request line that is not {@code METHOD target
 * [HTTP/x.y]} (binary junk from TLS or scanners), a status or size that is not a number, values the event model
 * refuses (status outside 100-599).
 *
 * <p>Besides the {@link HttpAccess} payload, the event's envelope gets what the analytics need: the client IP and
 * user agent ({@code client}), the authenticated user ({@code user_id}), the path without query and the referrer
 * ({@code page}), and in {@code properties} the {@link RequestAction action} the path stands for, a product id when
 * the path names one, and {@code error} ({@code client_error} or {@code server_error}) for 4xx and 5xx. Thread-safe.
 */
public final class AccessLogParser {

    // "unrolled" (runs of plain characters, then one escape): a regex engine walks it without a branch per character
    private static final String QUOTED = "\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"";
    private static final Pattern LINE = Pattern.compile("^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] " + QUOTED
            + " (\\S+) (\\S+)(?: " + QUOTED + " " + QUOTED + "(?: .*)?)?\\s*$");
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z_-]{0,31}");
    private static final Pattern PROTOCOL = Pattern.compile("HTTP/\\d(?:\\.\\d)?");
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    private static final Pattern IP = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Reason labels (stable, for counters). */
    public static final String NOT_IN_FORMAT = "not in combined or common log format";
    public static final String UNREADABLE_TIME = "unreadable time";
    public static final String NO_REQUEST_LINE = "no request line (-)";
    public static final String ODD_REQUEST_LINE = "odd request line";
    public static final String STATUS_NOT_A_NUMBER = "status not a number";
    public static final String SIZE_NOT_A_NUMBER = "response size not a byte count";
    public static final String INVALID_EVENT = "invalid event";
    /** What {@link Parsed#tolerated()} says of a {@code -} size. */
    public static final String NO_RESPONSE_SIZE = "no response size (-)";
    /** What {@link Parsed#tolerated()} says of a field kept as logged because its escaped bytes are not UTF-8. */
    public static final String FIELD_NOT_UTF8 = "escaped bytes not UTF-8 (field kept as logged)";
    /**
     * The property listing the fields kept as logged, {@code \xHH} escapes and all, because their bytes are not UTF-8
     * (a log written in Windows-1251 or Latin-1): {@value #FIELD_PATH}, {@value #FIELD_REFERRER},
     * {@value #FIELD_USER_AGENT}, {@value #FIELD_AUTHUSER}, {@value #FIELD_IDENT}.
     */
    public static final String UNDECODED_FIELDS = "undecoded_fields";
    public static final String FIELD_PATH = "path";
    public static final String FIELD_REFERRER = "referrer";
    public static final String FIELD_USER_AGENT = "user_agent";
    public static final String FIELD_AUTHUSER = "authuser";
    public static final String FIELD_IDENT = "ident";

    private final RequestClassifier classifier;
    /** The last time text and its instant: log lines come in time order, many in the same second. */
    private volatile ParsedTime lastTime = new ParsedTime("", null);

    private record ParsedTime(String text, Instant instant) {
    }

    /** A parser with the {@linkplain RequestClassifier#defaults() default} path rules. */
    public AccessLogParser() {
        this(RequestClassifier.defaults());
    }

    public AccessLogParser(RequestClassifier classifier) {
        this.classifier = classifier;
    }

    /** What one line gave. */
    public sealed interface Result permits Parsed, Rejected {
    }

    /** An {@code http_access} event; {@code tolerated} names what was kept although not as it should be. */
    public record Parsed(EcomEvent event, List<String> tolerated) implements Result {
        public Parsed {
            tolerated = List.copyOf(tolerated);
        }
    }

    /** A line that is not an access-log line, with the reason. */
    public record Rejected(String reason) implements Result {
    }

    /** Parses one line (without its line break) into an event with a new id. */
    public Result parse(String line) {
        return parse(line, null);
    }

    /**
     * Parses one line into an event with the given id (a reader that must give the same line the same id on a
     * re-run, e.g. from the object and line number, passes it here), or a new one when null.
     */
    public Result parse(String line, UUID eventId) {
        try {
            return parseLine(line, eventId);
        } catch (RuntimeException e) {
            // the matcher and formatters do not throw on text; this is the promise kept against the unforeseen
            return new Rejected(INVALID_EVENT);
        }
    }

    private Result parseLine(String line, UUID eventId) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return new Rejected(NOT_IN_FORMAT);
        }
        Instant time = cachedTime(m.group(4));
        if (time == null) {
            return new Rejected(UNREADABLE_TIME);
        }
        var undecoded = new ArrayList<String>(0);
        String request = text(m.group(5), FIELD_PATH, undecoded);
        if (request == null) {
            return new Rejected(NO_REQUEST_LINE);
        }
        RequestLine requestLine = RequestLine.of(request);
        if (requestLine == null) {
            return new Rejected(ODD_REQUEST_LINE);
        }
        int status;
        try {
            status = Integer.parseInt(m.group(6));
        } catch (NumberFormatException e) {
            return new Rejected(STATUS_NOT_A_NUMBER);
        }
        Long bytes = null;
        var tolerated = new ArrayList<String>(0);
        if ("-".equals(m.group(7))) {
            tolerated.add(NO_RESPONSE_SIZE);
        } else {
            try {
                bytes = Long.parseLong(m.group(7));
            } catch (NumberFormatException e) {
                return new Rejected(SIZE_NOT_A_NUMBER);
            }
            if (bytes < 0) {
                return new Rejected(SIZE_NOT_A_NUMBER);
            }
        }
        String host = m.group(1);
        String ident = text(m.group(2), FIELD_IDENT, undecoded);
        String user = text(m.group(3), FIELD_AUTHUSER, undecoded);
        String referrer = text(m.group(8), FIELD_REFERRER, undecoded);
        String userAgent = text(m.group(9), FIELD_USER_AGENT, undecoded);
        if (!undecoded.isEmpty()) {
            tolerated.add(FIELD_NOT_UTF8);
        }
        var access = HttpAccess.builder(requestLine.method(), requestLine.target(), status)
                .host(host).ident(ident).authuser(user).protocol(requestLine.protocol())
                .bytes(bytes).referrer(referrer).userAgent(userAgent).build();
        var classified = classifier.classify(requestLine.target());
        var event = Events.httpAccess(access).eventTime(time).eventId(eventId).userId(user)
                .client(new ClientInfo(IP.matcher(host).matches() ? host : null, userAgent, null))
                .page(Page.builder().path(classified.path()).referrer(referrer).build())
                .property("action", classified.action().label())
                .property("product_id", classified.productId())
                .property("search_query", classified.searchQuery())
                .property("error", status >= 500 ? "server_error" : status >= 400 ? "client_error" : null)
                .property(UNDECODED_FIELDS, undecoded.isEmpty() ? null : undecoded);
        try {
            return new Parsed(event.build(), tolerated);
        } catch (EventValidationException e) {
            return new Rejected(INVALID_EVENT);
        }
    }

    /** {@code METHOD target [HTTP/x.y]}; a target with spaces (a client that did not encode them) is kept whole. */
    private record RequestLine(String method, String target, String protocol) {
        static RequestLine of(String request) {
            int first = request.indexOf(' ');
            if (first <= 0 || !METHOD.matcher(request.substring(0, first)).matches()) {
                return null;
            }
            int last = request.lastIndexOf(' ');
            String protocol = null;
            String target;
            if (last > first && PROTOCOL.matcher(request.substring(last + 1)).matches()) {
                protocol = request.substring(last + 1);
                target = request.substring(first + 1, last);
            } else {
                target = request.substring(first + 1); // HTTP/0.9: no protocol
            }
            if (target.isEmpty() || target.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return null;
            }
            return new RequestLine(request.substring(0, first), target, protocol);
        }
    }

    private Instant cachedTime(String text) {
        ParsedTime last = lastTime;
        if (last.text().equals(text)) {
            return last.instant();
        }
        Instant parsed = time(text);
        lastTime = new ParsedTime(text, parsed);
        return parsed;
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text, CLF_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant(); // ISO-8601, as Nginx's $time_iso8601
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String dashToNull(String s) {
        return s == null || s.isEmpty() || "-".equals(s) ? null : s;
    }

    /**
     * A logged field's text ({@link LogEscapes}), {@code -} as absent; a field whose escaped bytes are not UTF-8 is
     * kept as logged and its name added to {@code undecoded}.
     */
    private static String text(String logged, String field, List<String> undecoded) {
        if (logged == null) {
            return null;
        }
        String decoded = LogEscapes.decode(logged);
        if (decoded == null) {
            undecoded.add(field);
            return logged;
        }
        return dashToNull(decoded);
    }
}
