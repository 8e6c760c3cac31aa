package io.ecomlog.codec;

/** How a record component maps to JSON; decided once from its Java type when a {@link RecordModel} is built. */
enum FieldKind {
    /** {@code String}: a JSON string. */
    STRING,
    /** {@code Integer}: a JSON integer. */
    INT,
    /** {@code Long}: a JSON integer. */
    LONG,
    /** {@code BigDecimal}: a JSON string holding the plain decimal, never a JSON number. */
    DECIMAL,
    /** {@code Instant}: an ISO-8601 UTC string with milliseconds. */
    INSTANT,
    /** A nested record: a JSON object. */
    RECORD,
    /** A nested record marked {@code @JsonUnwrapped}: its fields are written into the enclosing object. */
    FLATTENED,
    /** {@code List<SomeRecord>}: a JSON array of objects. */
    RECORD_LIST,
    /** {@code Map<String, String>}: a JSON object of strings. */
    STRING_MAP,
    /** {@code Map<String, Object>}: a JSON object of any JSON values. */
    JSON_MAP
}
