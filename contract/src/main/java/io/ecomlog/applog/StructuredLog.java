package io.ecomlog.applog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Structured logs of the backend functions: one JSON object per line ({@code timestamp}, {@code level},
 * {@code logger}, {@code message} and the fields given), the form CloudWatch Logs Insights and Lambda's JSON log
 * format query by field. Written to standard output, which Lambda and the local runner capture. Values are written
 * as JSON strings, numbers, booleans or null; anything else as its {@code toString()}. Thread-safe.
 */
public final class StructuredLog {

    private static final JsonFactory JSON = new JsonFactory();

    private final String logger;
    private final Consumer<String> sink;

    /** Logs to standard output as it is when each line is written (Lambda and the local runner capture it). */
    public StructuredLog(String logger) {
        this(logger, line -> System.out.println(line));
    }

    public StructuredLog(String logger, Consumer<String> sink) {
        this.logger = logger;
        this.sink = sink;
    }

    public void info(String message, Map<String, ?> fields) {
        log("INFO", message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        log("WARN", message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        log("ERROR", message, fields);
    }

    public void log(String level, String message, Map<String, ?> fields) {
        var out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("timestamp", Instant.now().toString());
            g.writeStringField("level", level);
            g.writeStringField("logger", logger);
            g.writeStringField("message", message);
            for (var field : fields.entrySet()) {
                g.writeFieldName(field.getKey());
                write(g, field.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        sink.accept(out.toString());
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (var e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                write(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }
}
