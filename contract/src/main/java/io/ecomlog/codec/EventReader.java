package io.ecomlog.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.ecomlog.codec.MalformedEventException.Reason;
import io.ecomlog.event.App;
import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventPayload;
import io.ecomlog.event.EventType;
import io.ecomlog.event.EventValidationException;
import io.ecomlog.event.Page;
import io.ecomlog.event.TrafficSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads encoded events with Jackson's streaming parser. A decode first finds {@code event_type} (our own lines have
 * it second, so this stops almost at once), then reads the envelope and only the payload fields of that type;
 * fields the model does not know (a newer schema version's) are kept as {@link EcomEvent#unknownFields()}. Values
 * are accepted in their wire form and in a few lenient forms foreign encoders
 * use (numbers for decimals, numeric strings for integers, epoch milliseconds for times). Stateless.
 */
final class EventReader {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_QUOTED = 60;

    private final JsonFactory factory;
    private final EventModel model;

    EventReader(JsonFactory factory, EventModel model) {
        this.factory = factory;
        this.model = model;
    }

    // ---- decode ----

    EcomEvent decode(byte[] json) {
        EventType type = findType(json);
        var payloadModel = model.payload(type);
        var b = new EnvelopeValues();
        Map<String, Object> payloadValues = new HashMap<>();
        try (JsonParser p = factory.createParser(json)) {
            expectObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!b.read(name, p)) {
                    FieldModel f = payloadModel.topLevel().get(name);
                    if (f == null) {
                        // a field of another schema version (or of another type's payload): kept, not dropped
                        b.unknownFields.put(name, jsonValue(p));
                    } else {
                        payloadValues.put(name, read(p, f, name));
                    }
                }
            }
            expectEnd(p);
        } catch (JsonProcessingException e) {
            throw malformedJson(e);
        } catch (IOException e) {
            throw new MalformedEventException(Reason.NOT_JSON, "cannot read event: " + e.getMessage(), e);
        }
        EventPayload payload = (EventPayload) construct(payloadModel.record(), payloadValues);
        try {
            return b.build(type, payload);
        } catch (EventValidationException e) {
            throw new MalformedEventException("invalid " + type.wireName() + " event: " + e.getMessage(), e);
        }
    }

    /** Scans the top level for {@code event_type}, stopping as soon as it is found. */
    private EventType findType(byte[] json) {
        String wireName = null;
        try (JsonParser p = factory.createParser(json)) {
            expectObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (EventModel.EVENT_TYPE.equals(name) && value == JsonToken.VALUE_STRING) {
                    wireName = p.getText();
                    break;
                }
                p.skipChildren();
            }
        } catch (JsonProcessingException e) {
            throw malformedJson(e);
        } catch (IOException e) {
            throw new MalformedEventException(Reason.NOT_JSON, "cannot read event: " + e.getMessage(), e);
        }
        if (wireName == null) {
            throw new MalformedEventException(Reason.NOT_AN_EVENT, "event_type is missing (or not a string)", null);
        }
        try {
            return EventType.fromWireName(wireName);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(Reason.UNKNOWN_EVENT_TYPE,
                    "unknown event_type \"" + quote(wireName) + "\"", e);
        }
    }

    /** The envelope fields as read, until the event is built. */
    private final class EnvelopeValues {
        private String eventId;
        private Integer schemaVersion;
        private Instant eventTime;
        private Instant sentAt;
        private String userId;
        private String anonymousId;
        private String sessionId;
        private App app;
        private ClientInfo client;
        private Page page;
        private TrafficSource trafficSource;
        private String currency;
        private BigDecimal value;
        private Map<String, Object> properties;
        private Map<String, String> mdc;
        private final Map<String, Object> unknownFields = new LinkedHashMap<>();

        /** Reads the current value when {@code name} is an envelope field; false when it is not one. */
        boolean read(String name, JsonParser p) throws IOException {
            switch (name) {
                case EventModel.EVENT_ID -> eventId = string(p, name);
                case EventModel.EVENT_TYPE -> p.skipChildren();
                case EventModel.SCHEMA_VERSION -> schemaVersion = integer(p, name);
                case EventModel.EVENT_TIME -> eventTime = instant(p, name);
                case EventModel.SENT_AT -> sentAt = instant(p, name);
                case EventModel.USER_ID -> userId = string(p, name);
                case EventModel.ANONYMOUS_ID -> anonymousId = string(p, name);
                case EventModel.SESSION_ID -> sessionId = string(p, name);
                case EventModel.APP -> app = (App) record(p, model.app, name);
                case EventModel.CLIENT -> client = (ClientInfo) record(p, model.client, name);
                case EventModel.PAGE -> page = (Page) record(p, model.page, name);
                case EventModel.TRAFFIC_SOURCE -> trafficSource = (TrafficSource) record(p, model.trafficSource, name);
                case EventModel.CURRENCY -> currency = string(p, name);
                case EventModel.VALUE -> value = decimal(p, name);
                case EventModel.PROPERTIES -> properties = jsonObject(p, name);
                case EventModel.MDC -> mdc = stringMap(p, name);
                default -> {
                    return false;
                }
            }
            return true;
        }

        EcomEvent build(EventType type, EventPayload payload) {
            var builder = EcomEvent.builder(type, payload)
                    .eventTime(eventTime).sentAt(sentAt).userId(userId).anonymousId(anonymousId).sessionId(sessionId)
                    .app(app).client(client).page(page).trafficSource(trafficSource)
                    .currency(currency).value(value).properties(properties).mdc(mdc).unknownFields(unknownFields);
            if (eventId != null) {
                if (!UUID_TEXT.matcher(eventId).matches()) {
                    throw new MalformedEventException("event_id must be a UUID, was \"" + quote(eventId) + "\"");
                }
                builder.eventId(UUID.fromString(eventId));
            }
            if (schemaVersion != null) {
                builder.schemaVersion(schemaVersion);
            }
            return builder.build();
        }
    }

    private static Object construct(RecordModel m, Map<String, Object> values) {
        Object[] args = new Object[m.fields.size()];
        for (FieldModel f : m.fields) {
            if (f.kind == FieldKind.FLATTENED) {
                Object[] inner = new Object[f.nested.fields.size()];
                boolean any = false;
                for (FieldModel nf : f.nested.fields) {
                    inner[nf.index] = values.get(nf.name);
                    any |= inner[nf.index] != null;
                }
                args[f.index] = any ? f.nested.construct(inner) : null;
            } else {
                args[f.index] = values.get(f.name);
            }
        }
        return m.construct(args);
    }

    // ---- values by kind ----

    private Object read(JsonParser p, FieldModel f, String path) throws IOException {
        return switch (f.kind) {
            case STRING -> string(p, path);
            case INT -> integer(p, path);
            case LONG -> longValue(p, path);
            case DECIMAL -> decimal(p, path);
            case INSTANT -> instant(p, path);
            case RECORD -> record(p, f.nested, path);
            case RECORD_LIST -> recordList(p, f.nested, path);
            case STRING_MAP -> stringMap(p, path);
            case JSON_MAP -> jsonObject(p, path);
            case FLATTENED -> throw new IllegalStateException("flattened fields are read through their parent");
        };
    }

    private static String string(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        } else if (t.isScalarValue()) {
            return p.getText();
        }
        throw mismatch(p, path, "a string");
    }

    private static Integer integer(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        } else if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        } else if (t == JsonToken.VALUE_STRING) {
            try {
                return Integer.valueOf(p.getText().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw mismatch(p, path, "an integer");
    }

    private static Long longValue(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        } else if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        } else if (t == JsonToken.VALUE_STRING) {
            try {
                return Long.valueOf(p.getText().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw mismatch(p, path, "an integer");
    }

    private static BigDecimal decimal(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue();
        } else if (t == JsonToken.VALUE_STRING) {
            try {
                return new BigDecimal(p.getText().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw mismatch(p, path, "a decimal string like \"19.95\"");
    }

    private static Instant instant(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        } else if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return Instant.ofEpochMilli(p.getLongValue());
        } else if (t == JsonToken.VALUE_STRING) {
            Instant parsed = Timestamps.parse(p.getText());
            if (parsed != null) {
                return parsed;
            }
        }
        throw mismatch(p, path, "an ISO-8601 timestamp like \"2026-11-22T18:58:17.120Z\"");
    }

    private Object record(JsonParser p, RecordModel m, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        } else if (t != JsonToken.START_OBJECT) {
            throw mismatch(p, path, "an object");
        }
        Object[] args = new Object[m.fields.size()];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            FieldModel f = m.byName.get(name);
            if (f == null) {
                p.skipChildren();
            } else {
                args[f.index] = read(p, f, path + "." + name);
            }
        }
        return m.construct(args);
    }

    private List<Object> recordList(JsonParser p, RecordModel m, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        } else if (t != JsonToken.START_ARRAY) {
            throw mismatch(p, path, "an array");
        }
        var list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(record(p, m, path + "[" + list.size() + "]"));
        }
        return list;
    }

    private static Map<String, String> stringMap(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        } else if (t != JsonToken.START_OBJECT) {
            throw mismatch(p, path, "an object of strings");
        }
        var map = new LinkedHashMap<String, String>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, string(p, path + "." + name));
        }
        return map;
    }

    private static Map<String, Object> jsonObject(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        } else if (t != JsonToken.START_OBJECT) {
            throw mismatch(p, path, "an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) jsonValue(p);
        return map;
    }

    /** Any JSON value: maps, lists, strings, booleans, null, Long/BigInteger for integers, BigDecimal otherwise. */
    private static Object jsonValue(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                var map = new LinkedHashMap<String, Object>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, jsonValue(p));
                }
                return map;
            }
            case START_ARRAY -> {
                var list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(jsonValue(p));
                }
                return Collections.unmodifiableList(list);
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue() : (Object) p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDecimalValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            default -> {
                return null;
            }
        }
    }

    // ---- peek ----

    EventHeader peek(byte[] json) {
        String eventId = null;
        String eventType = null;
        Instant eventTime = null;
        String userId = null;
        String sessionId = null;
        String anonymousId = null;
        String orderId = null;
        try (JsonParser p = factory.createParser(json)) {
            expectObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case EventModel.EVENT_ID -> eventId = scalarText(p, t);
                    case EventModel.EVENT_TYPE -> eventType = scalarText(p, t);
                    case EventModel.EVENT_TIME -> eventTime = peekInstant(p, t);
                    case EventModel.USER_ID -> userId = scalarText(p, t);
                    case EventModel.SESSION_ID -> sessionId = scalarText(p, t);
                    case EventModel.ANONYMOUS_ID -> anonymousId = scalarText(p, t);
                    case EventModel.ORDER_ID -> orderId = scalarText(p, t);
                    default -> p.skipChildren();
                }
            }
            expectEnd(p);
        } catch (JsonProcessingException e) {
            throw malformedJson(e);
        } catch (IOException e) {
            throw new MalformedEventException(Reason.NOT_JSON, "cannot read event: " + e.getMessage(), e);
        }
        return new EventHeader(eventId, eventType, eventTime, userId, sessionId, anonymousId, orderId);
    }

    /** The text of a scalar value; null for JSON null, objects and arrays (which are skipped). */
    private static String scalarText(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL || !t.isScalarValue()) {
            p.skipChildren();
            return null;
        }
        return p.getText();
    }

    private static Instant peekInstant(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return Instant.ofEpochMilli(p.getLongValue());
        }
        String text = scalarText(p, t);
        return t == JsonToken.VALUE_STRING ? Timestamps.parse(text) : null;
    }

    // ---- structure and errors ----

    private static void expectObject(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new MalformedEventException(Reason.NOT_JSON, "empty input: expected a JSON object", null);
        } else if (t != JsonToken.START_OBJECT) {
            throw new MalformedEventException(Reason.NOT_JSON, "expected a JSON object, found " + describe(p), null);
        }
    }

    /** After the closing brace only whitespace may follow: one line holds one event. */
    private static void expectEnd(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new MalformedEventException(Reason.NOT_JSON, "malformed JSON: the event object is not closed", null);
        }
        if (p.nextToken() != null) {
            throw new MalformedEventException(Reason.NOT_JSON, "unexpected content after the event object at column "
                    + p.currentLocation().getColumnNr() + ": " + describe(p), null);
        }
    }

    private static MalformedEventException malformedJson(JsonProcessingException e) {
        var where = e.getLocation();
        String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        return new MalformedEventException(Reason.NOT_JSON, "malformed JSON" + at + ": " + e.getOriginalMessage(), e);
    }

    private static MalformedEventException mismatch(JsonParser p, String path, String expected) throws IOException {
        return new MalformedEventException(path + " must be " + expected + ", was " + describe(p));
    }

    private static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "the end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "\"" + quote(p.getText()) + "\"";
            default -> quote(p.getText());
        };
    }

    /** Bounded text for messages: a bad value may be huge. */
    private static String quote(String s) {
        return s.length() <= MAX_QUOTED ? s : s.substring(0, MAX_QUOTED) + "...";
    }
}
