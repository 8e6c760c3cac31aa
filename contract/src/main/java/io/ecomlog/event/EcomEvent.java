package io.ecomlog.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One event: the envelope every event shares (ids, time, app, user, session, client, page, traffic source, money,
 * free properties, MDC), its {@link EventType} and its type-specific {@link EventPayload}. Immutable and
 * thread-safe; valid by construction, because the only way to get one is {@link Builder#build()}, which validates.
 *
 * <p>Start from a factory in {@link Events}, which presets the type and payload, then add the envelope:
 *
 * <pre>{@code
 * EcomEvent event = Events.productViewed(phone).userId("u-17").sessionId("s-9").currency("EUR").build();
 * }</pre>
 *
 * <p>Times are kept to the millisecond (the wire precision), so an event equals itself after a trip through
 * {@code EventCodec}.
 */
public final class EcomEvent {

    /** The {@code schema_version} this library writes. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    /** Fixed part of {@link #estimatedSize()}: braces, ids, type, version, both timestamps and their names. */
    private static final int ENVELOPE_SIZE = 165;

    private final UUID eventId;
    private final EventType eventType;
    private final int schemaVersion;
    private final Instant eventTime;
    private final Instant sentAt;
    private final App app;
    private final String userId;
    private final String anonymousId;
    private final String sessionId;
    private final ClientInfo client;
    private final Page page;
    private final TrafficSource trafficSource;
    private final String currency;
    private final BigDecimal value;
    private final Map<String, Object> properties;
    private final Map<String, String> mdc;
    private final Map<String, Object> unknownFields;
    private final EventPayload payload;
    private final int estimatedSize;

    private EcomEvent(Builder b, UUID eventId, Instant eventTime, Map<String, Object> properties,
                      Map<String, Object> unknownFields) {
        this.eventId = eventId;
        this.eventType = b.eventType;
        this.schemaVersion = b.schemaVersion;
        this.eventTime = eventTime;
        this.sentAt = b.sentAt == null ? null : b.sentAt.truncatedTo(ChronoUnit.MILLIS);
        this.app = b.app == null || b.app.isEmpty() ? null : b.app;
        this.userId = Text.clean(b.userId);
        this.anonymousId = Text.clean(b.anonymousId);
        this.sessionId = Text.clean(b.sessionId);
        this.client = b.client == null || b.client.isEmpty() ? null : b.client;
        this.page = b.page == null || b.page.isEmpty() ? null : b.page;
        this.trafficSource = b.trafficSource == null || b.trafficSource.isEmpty() ? null : b.trafficSource;
        this.currency = Text.clean(b.currency);
        this.value = Text.decimal(b.value);
        this.properties = properties;
        this.mdc = Text.stringMap(b.mdc);
        this.unknownFields = unknownFields;
        this.payload = b.payload;
        this.estimatedSize = computeSize();
    }

    /** A builder for an event of this type and payload; prefer the factories of {@link Events}. */
    public static Builder builder(EventType eventType, EventPayload payload) {
        return new Builder(eventType, payload);
    }

    /** A builder preset with all of this event's values, to derive an enriched or corrected copy. */
    public Builder toBuilder() {
        var b = new Builder(eventType, payload);
        b.eventId = eventId;
        b.schemaVersion = schemaVersion;
        b.eventTime = eventTime;
        b.sentAt = sentAt;
        b.app = app;
        b.userId = userId;
        b.anonymousId = anonymousId;
        b.sessionId = sessionId;
        b.client = client;
        b.page = page;
        b.trafficSource = trafficSource;
        b.currency = currency;
        b.value = value;
        b.properties.putAll(properties);
        b.mdc = mdc;
        b.unknownFields.putAll(unknownFields);
        return b;
    }

    /** {@code event_id}: a UUID v7 unless the event was decoded from a line that had another kind; the dedup key. */
    public UUID eventId() {
        return eventId;
    }

    /** {@code event_type}. */
    public EventType eventType() {
        return eventType;
    }

    /** {@code schema_version}: {@link #CURRENT_SCHEMA_VERSION} for events built by this library. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** {@code event_time}: when it happened by the client's clock, to the millisecond. */
    public Instant eventTime() {
        return eventTime;
    }

    /** {@code sent_at}: when the pipeline sent it, or null before that. */
    public Instant sentAt() {
        return sentAt;
    }

    /** {@code app}, or null. */
    public App app() {
        return app;
    }

    /** {@code user_id}: the logged-in user's id, or null. */
    public String userId() {
        return userId;
    }

    /** {@code anonymous_id}: a device or cookie id for users not logged in, or null. */
    public String anonymousId() {
        return anonymousId;
    }

    /** {@code session_id}, or null. */
    public String sessionId() {
        return sessionId;
    }

    /** {@code client}, or null. */
    public ClientInfo client() {
        return client;
    }

    /** {@code page}, or null. */
    public Page page() {
        return page;
    }

    /** {@code traffic_source}, or null. */
    public TrafficSource trafficSource() {
        return trafficSource;
    }

    /** {@code currency}: ISO 4217 code of every amount in the event, or null. */
    public String currency() {
        return currency;
    }

    /** {@code value}: the event's monetary value in {@link #currency()}, or null. */
    public BigDecimal value() {
        return value;
    }

    /** {@code properties}: free-form JSON values, never null; see {@link Builder#property(String, Object)}. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** {@code mdc}: the logging context of a log-derived event, never null. */
    public Map<String, String> mdc() {
        return mdc;
    }

    /** The type-specific payload, an instance of {@link EventType#payloadType()}. */
    public EventPayload payload() {
        return payload;
    }

    /**
     * Top-level fields this version of the model does not know (written by a newer {@code schema_version}), kept as
     * they were read so that a reader that re-encodes the event passes them on unchanged; empty for events built
     * here. Values are JSON values as in {@link #properties()}.
     */
    public Map<String, Object> unknownFields() {
        return unknownFields;
    }

    /** The order the event refers to (from the payload), or null; used e.g. as a partition key. */
    public String orderId() {
        return payload.orderId();
    }

    /**
     * A cheap estimate of the encoded size in bytes, {@code sent_at} included, computed once at build time without
     * encoding. Exact enough for plain ASCII content; it counts characters, so text needing multi-byte UTF-8 or
     * escapes encodes larger. Meant for bounding queues by bytes, not for framing.
     */
    public int estimatedSize() {
        return estimatedSize;
    }

    private int computeSize() {
        int size = ENVELOPE_SIZE + eventType.wireName().length()
                + JsonSize.string("user_id", userId) + JsonSize.string("anonymous_id", anonymousId)
                + JsonSize.string("session_id", sessionId)
                + JsonSize.nested("app", app == null ? 0 : app.jsonSize())
                + JsonSize.nested("client", client == null ? 0 : client.jsonSize())
                + JsonSize.nested("page", page == null ? 0 : page.jsonSize())
                + JsonSize.nested("traffic_source", trafficSource == null ? 0 : trafficSource.jsonSize())
                + JsonSize.string("currency", currency) + JsonSize.decimal("value", value)
                + JsonSize.stringMap("mdc", mdc) + payloadSize(payload);
        if (!properties.isEmpty()) {
            size += JsonSize.nested("properties", JsonSize.value(properties));
        }
        if (!unknownFields.isEmpty()) {
            size += JsonSize.value(unknownFields);
        }
        return size;
    }

    private static int payloadSize(EventPayload p) {
        if (p instanceof ProductAction x) {
            return x.jsonSize();
        } else if (p instanceof Order x) {
            return x.jsonSize();
        } else if (p instanceof LogRecord x) {
            return x.jsonSize();
        } else if (p instanceof HttpAccess x) {
            return x.jsonSize();
        } else if (p instanceof Search x) {
            return x.jsonSize();
        } else if (p instanceof ProductList x) {
            return x.jsonSize();
        } else if (p instanceof Promotion x) {
            return x.jsonSize();
        } else if (p instanceof Cart x) {
            return x.jsonSize();
        } else if (p instanceof CheckoutStep x) {
            return x.jsonSize();
        } else if (p instanceof Refund x) {
            return x.jsonSize();
        } else if (p instanceof TransactionFailure x) {
            return x.jsonSize();
        } else if (p instanceof Coupon x) {
            return x.jsonSize();
        } else if (p instanceof Authentication x) {
            return x.jsonSize();
        } else if (p instanceof PageView x) {
            return x.jsonSize();
        } else if (p instanceof AppError x) {
            return x.jsonSize();
        }
        throw new IllegalStateException("no size estimate for " + p.getClass());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof EcomEvent e && eventId.equals(e.eventId) && eventType == e.eventType
                && schemaVersion == e.schemaVersion && eventTime.equals(e.eventTime) && Objects.equals(sentAt, e.sentAt)
                && Objects.equals(app, e.app) && Objects.equals(userId, e.userId)
                && Objects.equals(anonymousId, e.anonymousId) && Objects.equals(sessionId, e.sessionId)
                && Objects.equals(client, e.client) && Objects.equals(page, e.page)
                && Objects.equals(trafficSource, e.trafficSource) && Objects.equals(currency, e.currency)
                && Objects.equals(value, e.value) && properties.equals(e.properties) && mdc.equals(e.mdc)
                && unknownFields.equals(e.unknownFields) && payload.equals(e.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, eventType, eventTime, userId, sessionId, payload);
    }

    /** All non-empty fields, for logs and test failures. */
    @Override
    public String toString() {
        var sb = new StringBuilder(256).append("EcomEvent{").append(eventType.wireName())
                .append(", event_id=").append(eventId).append(", event_time=").append(eventTime);
        append(sb, "schema_version", schemaVersion == CURRENT_SCHEMA_VERSION ? null : schemaVersion);
        append(sb, "sent_at", sentAt);
        append(sb, "app", app);
        append(sb, "user_id", userId);
        append(sb, "anonymous_id", anonymousId);
        append(sb, "session_id", sessionId);
        append(sb, "client", client);
        append(sb, "page", page);
        append(sb, "traffic_source", trafficSource);
        append(sb, "currency", currency);
        append(sb, "value", value == null ? null : value.toPlainString());
        append(sb, "properties", properties.isEmpty() ? null : properties);
        append(sb, "mdc", mdc.isEmpty() ? null : mdc);
        append(sb, "unknown_fields", unknownFields.isEmpty() ? null : unknownFields);
        return sb.append(", payload=").append(payload).append('}').toString();
    }

    private static void append(StringBuilder sb, String name, Object value) {
        if (value != null) {
            sb.append(", ").append(name).append('=').append(value);
        }
    }

    /**
     * Fluent builder for the envelope of an {@link EcomEvent}; type and payload are fixed when it is created.
     * {@link #build()} fills {@code event_id} (a new UUID v7) and {@code event_time} (now) when they are not set,
     * keeps times to the millisecond, cleans invalid UTF-16 out of strings, normalises {@code properties}, and
     * validates. A builder is not thread-safe; the events it builds are.
     */
    public static final class Builder {
        private final EventType eventType;
        private final EventPayload payload;
        private UUID eventId;
        private int schemaVersion = CURRENT_SCHEMA_VERSION;
        private Instant eventTime;
        private Instant sentAt;
        private App app;
        private String userId;
        private String anonymousId;
        private String sessionId;
        private ClientInfo client;
        private Page page;
        private TrafficSource trafficSource;
        private String currency;
        private BigDecimal value;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private Map<String, String> mdc;
        private final Map<String, Object> unknownFields = new LinkedHashMap<>();

        private Builder(EventType eventType, EventPayload payload) {
            this.eventType = eventType;
            this.payload = payload;
        }

        /** Sets the id; normally left unset so that {@link #build()} generates a UUID v7. */
        public Builder eventId(UUID eventId) {
            this.eventId = eventId;
            return this;
        }

        /** Sets the schema version; only for events decoded from another version. */
        public Builder schemaVersion(int schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        /** When it happened; defaults to now. Kept to the millisecond. */
        public Builder eventTime(Instant eventTime) {
            this.eventTime = eventTime;
            return this;
        }

        /** When it was sent; normally set by the pipeline at send time, not by callers. */
        public Builder sentAt(Instant sentAt) {
            this.sentAt = sentAt;
            return this;
        }

        public Builder app(App app) {
            this.app = app;
            return this;
        }

        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        public Builder anonymousId(String anonymousId) {
            this.anonymousId = anonymousId;
            return this;
        }

        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder client(ClientInfo client) {
            this.client = client;
            return this;
        }

        public Builder page(Page page) {
            this.page = page;
            return this;
        }

        public Builder trafficSource(TrafficSource trafficSource) {
            this.trafficSource = trafficSource;
            return this;
        }

        /** ISO 4217 code in upper case, e.g. {@code "EUR"}; applies to every amount of the event. */
        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        public Builder value(BigDecimal value) {
            this.value = value;
            return this;
        }

        /** The value as a decimal string such as {@code "19.95"}. */
        public Builder value(String value) {
            return value(Text.parseDecimal("value", value));
        }

        /**
         * Adds one free-form property: a string, number, boolean, enum, list or map of those (strings as keys).
         * Floats and doubles are stored as {@link BigDecimal}, integers as {@link Long}. A null value removes it.
         */
        public Builder property(String key, Object value) {
            if (value == null) {
                properties.remove(key);
            } else {
                properties.put(key, value);
            }
            return this;
        }

        /** Replaces all free-form properties; see {@link #property(String, Object)} for the allowed values. */
        public Builder properties(Map<String, ?> properties) {
            this.properties.clear();
            if (properties != null) {
                this.properties.putAll(properties);
            }
            return this;
        }

        /**
         * Fields of a newer schema version that this model does not know, to be kept and written back as they are
         * (set by the codec when it decodes such an event). Names of fields the model knows are not written twice:
         * the model's own value wins. Values as for {@link #property(String, Object)}.
         */
        public Builder unknownFields(Map<String, ?> fields) {
            this.unknownFields.clear();
            if (fields != null) {
                this.unknownFields.putAll(fields);
            }
            return this;
        }

        /** The logging context (MDC) of a log-derived event; null keys and values are dropped. */
        public Builder mdc(Map<String, String> mdc) {
            this.mdc = mdc;
            return this;
        }

        /**
         * The event, with defaults filled and everything normalised.
         *
         * @throws EventValidationException listing every rule the event breaks
         */
        public EcomEvent build() {
            var violations = new Violations(eventType);
            if (!typeMatchesPayload(violations)) {
                throw new EventValidationException(violations.messages());
            }
            Instant time = eventTime == null ? Instant.now() : eventTime;
            Map<String, Object> props = JsonValues.normalizeMap(properties, "properties", violations);
            Map<String, Object> unknown = JsonValues.normalizeMap(unknownFields, "unknown fields", violations);
            var event = new EcomEvent(this, eventId == null ? UuidV7.generate() : eventId,
                    time.truncatedTo(ChronoUnit.MILLIS), props, unknown);
            EventValidator.validate(event, violations);
            if (!violations.isEmpty()) {
                throw new EventValidationException(violations.messages());
            }
            return event;
        }

        private boolean typeMatchesPayload(Violations violations) {
            if (eventType == null) {
                violations.envelope("event_type", "must be set");
            } else if (payload == null) {
                violations.addForType("payload must be set (a " + eventType.payloadType().getSimpleName() + ")");
            } else if (!eventType.payloadType().isInstance(payload)) {
                violations.addForType("payload must be a " + eventType.payloadType().getSimpleName()
                        + ", was " + payload.getClass().getSimpleName());
            }
            return violations.isEmpty();
        }
    }
}
