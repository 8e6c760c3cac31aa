package io.ecomlog.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Wire format of the Kinesis Data Streams {@code PutRecords} call, for stubs and counting endpoints
 * that stand in for Kinesis.
 *
 * <p>The AWS SDK v2 Kinesis client sends {@code POST /} with {@code X-Amz-Target: Kinesis_20131202.PutRecords}
 * and, by default, a CBOR body ({@code Content-Type: application/x-amz-cbor-1.1}) in which {@code Data} is a
 * CBOR byte string; with {@code aws.cborEnabled=false} it sends JSON ({@code application/x-amz-json-1.1})
 * with {@code Data} base64-encoded. Both carry the same members:
 * <pre>
 * request:  {"StreamName": s, "StreamARN": arn?, "Records": [{"Data": b, "PartitionKey": k, "ExplicitHashKey": h?}]}
 * response: {"FailedRecordCount": n, "EncryptionType": "NONE",
 *            "Records": [{"SequenceNumber": s, "ShardId": id} | {"ErrorCode": c, "ErrorMessage": m}]}
 * error:    {"__type": code, "message": m} plus header x-amzn-ErrorType: code
 * </pre>
 * A response must be encoded in the request's format: the client parses it with the same codec.
 */
public final class KinesisWire {

    /** {@code X-Amz-Target} prefix of every Kinesis Data Streams call. */
    public static final String TARGET_PREFIX = "Kinesis_20131202.";
    /** {@code X-Amz-Target} of PutRecords. */
    public static final String PUT_RECORDS_TARGET = TARGET_PREFIX + "PutRecords";
    /** Header naming the operation. */
    public static final String TARGET_HEADER = "X-Amz-Target";
    /** Header carrying the error code of an error response. */
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    /** Content type of the SDK's default (CBOR) protocol. */
    public static final String CBOR_CONTENT_TYPE = "application/x-amz-cbor-1.1";
    /** Content type of the JSON protocol (used when CBOR is disabled). */
    public static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

    /** Error code of the throttling per-record failure. */
    public static final String PROVISIONED_THROUGHPUT_EXCEEDED = "ProvisionedThroughputExceededException";
    /** Error code of the internal per-record failure (and of a 500 answer). */
    public static final String INTERNAL_FAILURE = "InternalFailure";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new CBORMapper();

    private KinesisWire() {
    }

    /** The two encodings the Kinesis API accepts. */
    public enum Format {
        /** {@code application/x-amz-cbor-1.1}: binary, the SDK v2 default for Kinesis. */
        CBOR(CBOR_CONTENT_TYPE),
        /** {@code application/x-amz-json-1.1}: JSON with base64 blobs. */
        JSON(JSON_CONTENT_TYPE);

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }

        /** CBOR if the content type says cbor, else JSON (also for a missing header). */
        public static Format fromContentType(String contentType) {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("cbor") ? CBOR : JSON;
        }

        ObjectMapper mapper() {
            return this == CBOR ? KinesisWire.CBOR : KinesisWire.JSON;
        }
    }

    /** One entry of a PutRecords request. {@code explicitHashKey} may be null. */
    public record Entry(String partitionKey, byte[] data, String explicitHashKey) {
        public Entry {
            Objects.requireNonNull(data, "data");
        }

        public Entry(String partitionKey, byte[] data) {
            this(partitionKey, data, null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && Objects.equals(partitionKey, e.partitionKey)
                    && Arrays.equals(data, e.data) && Objects.equals(explicitHashKey, e.explicitHashKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(partitionKey, explicitHashKey) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Entry[partitionKey=" + partitionKey + ", data=" + data.length + " bytes]";
        }
    }

    /**
     * A decoded PutRecords request. {@code streamName} or {@code streamArn} may be null (the SDK sends
     * what the caller set); {@link #stream()} gives the name either way.
     */
    public record PutRecordsBatch(String streamName, String streamArn, List<Entry> entries) {
        public PutRecordsBatch {
            entries = List.copyOf(entries);
        }

        /** The stream name, taken from the ARN ({@code ...:stream/<name>}) when no name was sent. */
        public String stream() {
            if (streamName != null) {
                return streamName;
            }
            if (streamArn != null) {
                int slash = streamArn.lastIndexOf('/');
                return slash >= 0 ? streamArn.substring(slash + 1) : streamArn;
            }
            return null;
        }
    }

    /** The outcome of one PutRecords entry: a sequence number and shard, or an error. */
    public record EntryResult(String sequenceNumber, String shardId, String errorCode, String errorMessage) {

        public static EntryResult success(String sequenceNumber, String shardId) {
            return new EntryResult(Objects.requireNonNull(sequenceNumber), Objects.requireNonNull(shardId), null, null);
        }

        public static EntryResult failure(String errorCode, String errorMessage) {
            return new EntryResult(null, null, Objects.requireNonNull(errorCode), errorMessage);
        }

        public boolean isSuccess() {
            return errorCode == null;
        }
    }

    /** Decodes a PutRecords request body in the given format. */
    public static PutRecordsBatch decodePutRecordsRequest(Format format, byte[] body) {
        JsonNode root = read(format, body);
        List<Entry> entries = new ArrayList<>();
        for (JsonNode record : root.path("Records")) {
            entries.add(new Entry(text(record, "PartitionKey"), binary(record.get("Data")),
                    text(record, "ExplicitHashKey")));
        }
        return new PutRecordsBatch(text(root, "StreamName"), text(root, "StreamARN"), entries);
    }

    /** Decodes a PutRecords request, choosing the format from the {@code Content-Type} header value. */
    public static PutRecordsBatch decodePutRecordsRequest(String contentType, byte[] body) {
        return decodePutRecordsRequest(Format.fromContentType(contentType), body);
    }

    /** Encodes a PutRecords request body the way the SDK does (for tests and load generators). */
    public static byte[] encodePutRecordsRequest(Format format, String streamName, List<Entry> entries) {
        return write(format, g -> {
            g.writeStartObject();
            g.writeStringField("StreamName", streamName);
            g.writeArrayFieldStart("Records");
            for (Entry e : entries) {
                g.writeStartObject();
                g.writeFieldName("Data");
                g.writeBinary(e.data()); // CBOR: byte string; JSON: base64 text
                if (e.explicitHashKey() != null) {
                    g.writeStringField("ExplicitHashKey", e.explicitHashKey());
                }
                g.writeStringField("PartitionKey", e.partitionKey());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Encodes a PutRecords response body; FailedRecordCount is the number of failed results. */
    public static byte[] encodePutRecordsResponse(Format format, List<EntryResult> results) {
        int failed = (int) results.stream().filter(r -> !r.isSuccess()).count();
        return write(format, g -> {
            g.writeStartObject();
            g.writeNumberField("FailedRecordCount", failed);
            g.writeArrayFieldStart("Records");
            for (EntryResult r : results) {
                g.writeStartObject();
                if (r.isSuccess()) {
                    g.writeStringField("SequenceNumber", r.sequenceNumber());
                    g.writeStringField("ShardId", r.shardId());
                } else {
                    g.writeStringField("ErrorCode", r.errorCode());
                    g.writeStringField("ErrorMessage", r.errorMessage() == null ? r.errorCode() : r.errorMessage());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("EncryptionType", "NONE");
            g.writeEndObject();
        });
    }

    /** Decodes a PutRecords response body (e.g. one read back from a request journal). */
    public static List<EntryResult> decodePutRecordsResponse(Format format, byte[] body) {
        JsonNode root = read(format, body);
        List<EntryResult> results = new ArrayList<>();
        for (JsonNode r : root.path("Records")) {
            String code = text(r, "ErrorCode");
            results.add(code != null ? EntryResult.failure(code, text(r, "ErrorMessage"))
                    : EntryResult.success(text(r, "SequenceNumber"), text(r, "ShardId")));
        }
        return results;
    }

    /**
     * Encodes an error body ({@code {"__type": code, "message": message}}); send it with the
     * {@value #ERROR_TYPE_HEADER} header set to the same code.
     */
    public static byte[] encodeError(Format format, String errorCode, String message) {
        return write(format, g -> {
            g.writeStartObject();
            g.writeStringField("__type", errorCode);
            g.writeStringField("message", message);
            g.writeEndObject();
        });
    }

    /** A plausible 56-digit sequence number for {@code n} (for stubs that do not store records). */
    public static String fakeSequenceNumber(long n) {
        return String.format(Locale.ROOT, "4960%052d", n);
    }

    // ---------------------------------------------------------------- helpers shared with FirehoseWire

    interface GeneratorBody {
        void write(JsonGenerator g) throws IOException;
    }

    static JsonNode read(Format format, byte[] body) {
        try {
            JsonNode root = format.mapper().readTree(body);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a " + format + " object");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse " + format + " body: " + e.getMessage(), e);
        }
    }

    static byte[] write(Format format, GeneratorBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = format.mapper().getFactory().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** CBOR byte string → bytes; JSON string → base64-decoded bytes. */
    static byte[] binary(JsonNode value) {
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("record without Data");
        }
        try {
            byte[] bytes = value.binaryValue();
            if (bytes == null) {
                throw new IllegalArgumentException("Data is neither a byte string nor base64 text: " + value.getNodeType());
            }
            return bytes;
        } catch (IOException e) {
            throw new IllegalArgumentException("Data is not valid base64: " + e.getMessage(), e);
        }
    }
}
