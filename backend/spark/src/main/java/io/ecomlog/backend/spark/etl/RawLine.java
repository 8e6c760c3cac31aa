package io.ecomlog.backend.spark.etl;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the ETL makes of one line (or one broken object) of the raw lake: an event to keep, with its id, type and
 * line, or a rejection with a reason to count. As a Spark row of {@link #SCHEMA}.
 */
final class RawLine {

    static final String EVENT = "event";
    static final String REJECTED = "rejected";

    /** Reasons the ETL adds to the reader's ({@code not JSON}, {@code unknown event type}, …). */
    static final String TRUNCATED_GZIP = "truncated gzip";
    static final String OTHER_SCHEMA_VERSION = "other schema version";
    static final String DUPLICATE = "duplicate event_id";

    static final StructType SCHEMA = new StructType()
            .add("status", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType)
            .add("event_id", DataTypes.StringType)
            .add("event_type", DataTypes.StringType)
            .add("line", DataTypes.StringType)
            .add("source", DataTypes.StringType, false)
            .add("detail", DataTypes.StringType);

    private RawLine() {
    }

    static Row event(String eventId, String eventType, String line, String source) {
        return RowFactory.create(EVENT, null, eventId, eventType, line, source, null);
    }

    static Row rejected(String reason, String detail, String excerpt, String source) {
        return RowFactory.create(REJECTED, reason, null, null, excerpt, source, detail);
    }
}
