package io.ecomlog.codec;

import io.ecomlog.event.App;
import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EventType;
import io.ecomlog.event.Page;
import io.ecomlog.event.TrafficSource;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole event model as JSON: the envelope's names and objects, and for every {@link EventType} the payload
 * fields that sit at the top level of the event (a flattened record contributes its own fields). Built once per JVM
 * ({@link #shared()}), immutable afterwards: every codec reads through the same generated getter classes, so a process
 * that builds many codecs (a client per test, say) neither grows its metaspace nor makes the JIT compile them again.
 *
 * <p>It also enforces the property that makes the flat format work as one table in the data lake: a top-level
 * name means the same JSON type in every event type, and never collides with an envelope name.
 */
final class EventModel {

    static final String EVENT_ID = "event_id";
    static final String EVENT_TYPE = "event_type";
    static final String SCHEMA_VERSION = "schema_version";
    static final String EVENT_TIME = "event_time";
    static final String SENT_AT = "sent_at";
    static final String APP = "app";
    static final String USER_ID = "user_id";
    static final String ANONYMOUS_ID = "anonymous_id";
    static final String SESSION_ID = "session_id";
    static final String CLIENT = "client";
    static final String PAGE = "page";
    static final String TRAFFIC_SOURCE = "traffic_source";
    static final String CURRENCY = "currency";
    static final String VALUE = "value";
    static final String PROPERTIES = "properties";
    static final String MDC = "mdc";
    /** The payload field {@link EventCodec#peek(byte[])} reads besides the envelope. */
    static final String ORDER_ID = "order_id";
    /** Envelope names in the order they are written; payload fields go between {@code value} and {@code properties}. */
    static final List<String> ENVELOPE_NAMES = List.of(EVENT_ID, EVENT_TYPE, SCHEMA_VERSION, EVENT_TIME, SENT_AT,
            USER_ID, ANONYMOUS_ID, SESSION_ID, APP, CLIENT, PAGE, TRAFFIC_SOURCE, CURRENCY, VALUE, PROPERTIES, MDC);
    private static final Set<String> ENVELOPE_NAME_SET = Set.copyOf(ENVELOPE_NAMES);

    final RecordModel app;
    final RecordModel client;
    final RecordModel page;
    final RecordModel trafficSource;
    private final Map<EventType, PayloadModel> payloads = new EnumMap<>(EventType.class);

    /** A payload record and its top-level fields by name (flattened records expanded). */
    record PayloadModel(RecordModel record, Map<String, FieldModel> topLevel) {
    }

    private static final class Shared {
        static final EventModel MODEL = new EventModel();
    }

    /** The model, built at first use. */
    static EventModel shared() {
        return Shared.MODEL;
    }

    private EventModel() {
        Map<Class<?>, RecordModel> known = new HashMap<>();
        app = RecordModel.of(App.class, known);
        client = RecordModel.of(ClientInfo.class, known);
        page = RecordModel.of(Page.class, known);
        trafficSource = RecordModel.of(TrafficSource.class, known);
        Map<Class<?>, PayloadModel> byClass = new HashMap<>();
        for (EventType type : EventType.values()) {
            payloads.put(type, byClass.computeIfAbsent(type.payloadType(),
                    c -> payloadModel(RecordModel.of(c, known))));
        }
        checkTopLevelNames();
    }

    PayloadModel payload(EventType type) {
        return payloads.get(type);
    }

    private static PayloadModel payloadModel(RecordModel record) {
        var topLevel = new LinkedHashMap<String, FieldModel>();
        for (FieldModel f : record.fields) {
            if (f.kind == FieldKind.FLATTENED) {
                for (FieldModel inner : f.nested.fields) {
                    put(topLevel, inner, record);
                }
            } else {
                put(topLevel, f, record);
            }
        }
        return new PayloadModel(record, Collections.unmodifiableMap(topLevel));
    }

    private static void put(Map<String, FieldModel> topLevel, FieldModel f, RecordModel owner) {
        if (f.kind == FieldKind.FLATTENED) {
            throw new IllegalStateException(owner.type.getName() + ": only one level of flattening is supported");
        }
        if (topLevel.putIfAbsent(f.name, f) != null) {
            throw new IllegalStateException(owner.type.getName() + " writes \"" + f.name + "\" twice");
        }
    }

    /** Whether {@code name} is a field of the envelope every event shares. */
    boolean isEnvelopeField(String name) {
        return ENVELOPE_NAME_SET.contains(name);
    }

    private void checkTopLevelNames() {
        Set<String> envelope = Set.copyOf(ENVELOPE_NAMES);
        Map<String, FieldModel> seen = new HashMap<>();
        for (var entry : payloads.entrySet()) {
            for (FieldModel f : entry.getValue().topLevel().values()) {
                if (envelope.contains(f.name)) {
                    throw new IllegalStateException(entry.getKey().wireName() + " payload field \"" + f.name
                            + "\" collides with the envelope");
                }
                FieldModel other = seen.putIfAbsent(f.name, f);
                if (other != null && (other.kind != f.kind || other.nested != f.nested)) {
                    throw new IllegalStateException("top-level field \"" + f.name + "\" has two JSON types: "
                            + other + " and " + f);
                }
            }
        }
    }
}
