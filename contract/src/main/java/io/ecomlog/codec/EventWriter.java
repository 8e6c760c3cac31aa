package io.ecomlog.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.ecomlog.event.EcomEvent;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes one event as a flat JSON object with Jackson's streaming generator: the envelope by hand, the payload from
 * its {@link RecordModel}. Absent values and empty lists and maps are left out. Stateless and shared by all threads;
 * the {@link Times} passed in hold what one thread reuses.
 */
final class EventWriter {

    private static final SerializedString EVENT_ID = new SerializedString(EventModel.EVENT_ID);
    private static final SerializedString EVENT_TYPE = new SerializedString(EventModel.EVENT_TYPE);
    private static final SerializedString SCHEMA_VERSION = new SerializedString(EventModel.SCHEMA_VERSION);
    private static final SerializedString EVENT_TIME = new SerializedString(EventModel.EVENT_TIME);
    private static final SerializedString SENT_AT = new SerializedString(EventModel.SENT_AT);
    private static final SerializedString USER_ID = new SerializedString(EventModel.USER_ID);
    private static final SerializedString ANONYMOUS_ID = new SerializedString(EventModel.ANONYMOUS_ID);
    private static final SerializedString SESSION_ID = new SerializedString(EventModel.SESSION_ID);
    private static final SerializedString APP = new SerializedString(EventModel.APP);
    private static final SerializedString CLIENT = new SerializedString(EventModel.CLIENT);
    private static final SerializedString PAGE = new SerializedString(EventModel.PAGE);
    private static final SerializedString TRAFFIC_SOURCE = new SerializedString(EventModel.TRAFFIC_SOURCE);
    private static final SerializedString CURRENCY = new SerializedString(EventModel.CURRENCY);
    private static final SerializedString VALUE = new SerializedString(EventModel.VALUE);
    private static final SerializedString PROPERTIES = new SerializedString(EventModel.PROPERTIES);
    private static final SerializedString MDC = new SerializedString(EventModel.MDC);

    private final EventModel model;

    EventWriter(EventModel model) {
        this.model = model;
    }

    /** The formatters one encoding thread reuses: one for {@code sent_at}, one for the event's other instants. */
    record Times(Timestamps.Formatter sentAt, Timestamps.Formatter other) {

        static Times create() {
            return new Times(new Timestamps.Formatter(), new Timestamps.Formatter());
        }
    }

    void write(JsonGenerator g, EcomEvent e, Instant sentAt, Times times) throws IOException {
        g.writeStartObject();
        g.writeFieldName(EVENT_ID);
        g.writeString(e.eventId().toString());
        g.writeFieldName(EVENT_TYPE);
        g.writeString(e.eventType().wireName());
        g.writeFieldName(SCHEMA_VERSION);
        g.writeNumber(e.schemaVersion());
        instant(g, EVENT_TIME, e.eventTime(), times.other());
        instant(g, SENT_AT, sentAt, times.sentAt());
        string(g, USER_ID, e.userId());
        string(g, ANONYMOUS_ID, e.anonymousId());
        string(g, SESSION_ID, e.sessionId());
        record(g, APP, model.app, e.app(), times.other());
        record(g, CLIENT, model.client, e.client(), times.other());
        record(g, PAGE, model.page, e.page(), times.other());
        record(g, TRAFFIC_SOURCE, model.trafficSource, e.trafficSource(), times.other());
        string(g, CURRENCY, e.currency());
        if (e.value() != null) {
            g.writeFieldName(VALUE);
            g.writeString(e.value().toPlainString());
        }
        fields(g, model.payload(e.eventType()).record(), e.payload(), times.other());
        if (!e.properties().isEmpty()) {
            g.writeFieldName(PROPERTIES);
            jsonValue(g, e.properties());
        }
        if (!e.mdc().isEmpty()) {
            g.writeFieldName(MDC);
            stringMap(g, e.mdc());
        }
        if (!e.unknownFields().isEmpty()) {
            var payloadFields = model.payload(e.eventType()).topLevel();
            for (var field : e.unknownFields().entrySet()) {
                // never a second value for a field the model wrote above (the JSON would have a duplicate key)
                if (!model.isEnvelopeField(field.getKey()) && !payloadFields.containsKey(field.getKey())) {
                    g.writeFieldName(field.getKey());
                    jsonValue(g, field.getValue());
                }
            }
        }
        g.writeEndObject();
    }

    private void fields(JsonGenerator g, RecordModel m, Object record, Timestamps.Formatter times)
            throws IOException {
        for (FieldModel f : m.fields) {
            Object v = f.get(record);
            if (v == null) {
                continue;
            }
            switch (f.kind) {
                case STRING -> {
                    g.writeFieldName(f.serializedName);
                    g.writeString((String) v);
                }
                case INT -> {
                    g.writeFieldName(f.serializedName);
                    g.writeNumber((Integer) v);
                }
                case LONG -> {
                    g.writeFieldName(f.serializedName);
                    g.writeNumber((Long) v);
                }
                case DECIMAL -> {
                    g.writeFieldName(f.serializedName);
                    g.writeString(((BigDecimal) v).toPlainString());
                }
                case INSTANT -> instant(g, f.serializedName, (Instant) v, times);
                case RECORD -> record(g, f.serializedName, f.nested, v, times);
                case FLATTENED -> fields(g, f.nested, v, times);
                case RECORD_LIST -> recordList(g, f, (List<?>) v, times);
                case STRING_MAP -> {
                    Map<?, ?> map = (Map<?, ?>) v;
                    if (!map.isEmpty()) {
                        g.writeFieldName(f.serializedName);
                        stringMap(g, map);
                    }
                }
                case JSON_MAP -> {
                    if (!((Map<?, ?>) v).isEmpty()) {
                        g.writeFieldName(f.serializedName);
                        jsonValue(g, v);
                    }
                }
            }
        }
    }

    private void record(JsonGenerator g, SerializedString name, RecordModel m, Object record,
                        Timestamps.Formatter times) throws IOException {
        if (record != null) {
            g.writeFieldName(name);
            g.writeStartObject();
            fields(g, m, record, times);
            g.writeEndObject();
        }
    }

    private void recordList(JsonGenerator g, FieldModel f, List<?> list, Timestamps.Formatter times)
            throws IOException {
        if (list.isEmpty()) {
            return;
        }
        g.writeFieldName(f.serializedName);
        g.writeStartArray();
        for (Object element : list) {
            if (element == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                fields(g, f.nested, element, times);
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    private static void string(JsonGenerator g, SerializedString name, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(value);
        }
    }

    private static void instant(JsonGenerator g, SerializedString name, Instant t, Timestamps.Formatter times)
            throws IOException {
        if (t == null) {
            return;
        }
        g.writeFieldName(name);
        if (times.format(t)) {
            g.writeString(times.text(), 0, Timestamps.LENGTH);
        } else {
            g.writeString(Timestamps.format(t));
        }
    }

    private static void stringMap(JsonGenerator g, Map<?, ?> map) throws IOException {
        g.writeStartObject();
        for (var e : map.entrySet()) {
            g.writeFieldName((String) e.getKey());
            g.writeString((String) e.getValue());
        }
        g.writeEndObject();
    }

    /** Writes a value normalised by the model: map, list, string, boolean, long, BigInteger or BigDecimal. */
    private static void jsonValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (var e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                jsonValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                jsonValue(g, element);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else {
            // not produced by the model's normalisation; written as text rather than failing the whole event
            g.writeString(v.toString());
        }
    }
}
