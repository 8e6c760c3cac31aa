package io.ecomlog.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Wire format of the Data Firehose {@code PutRecordBatch} call (JSON 1.1 only), for stubs and counting
 * endpoints that stand in for Firehose.
 *
 * <p>The AWS SDK v2 Firehose client sends {@code POST /} with
 * {@code X-Amz-Target: Firehose_20150804.PutRecordBatch} and {@code Content-Type: application/x-amz-json-1.1}:
 * <pre>
 * request:  {"DeliveryStreamName": s, "Records": [{"Data": "&lt;base64&gt;"}]}
 * response: {"FailedPutCount": n, "Encrypted": false,
 *            "RequestResponses": [{"RecordId": id} | {"ErrorCode": c, "ErrorMessage": m}]}
 * error:    {"__type": code, "message": m} plus header x-amzn-ErrorType: code
 * </pre>
 * {@code RequestResponses[i]} answers {@code Records[i]}.
 */
public final class FirehoseWire {

    /** {@code X-Amz-Target} prefix of every Firehose call. */
    public static final String TARGET_PREFIX = "Firehose_20150804.";
    /** {@code X-Amz-Target} of PutRecordBatch. */
    public static final String PUT_RECORD_BATCH_TARGET = TARGET_PREFIX + "PutRecordBatch";
    /** The only content type Firehose speaks. */
    public static final String CONTENT_TYPE = KinesisWire.JSON_CONTENT_TYPE;
    /** The per-record (and throttling) error code Firehose uses. */
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailableException";

    private FirehoseWire() {
    }

    /** A decoded PutRecordBatch request: the delivery stream and the record payloads in order. */
    public record PutRecordBatch(String deliveryStreamName, List<byte[]> records) {
        public PutRecordBatch {
            records = List.copyOf(records);
        }
    }

    /** The outcome of one record: a record id, or an error. */
    public record EntryResult(String recordId, String errorCode, String errorMessage) {

        public static EntryResult success(String recordId) {
            return new EntryResult(Objects.requireNonNull(recordId), null, null);
        }

        /** A success with a fresh random record id. */
        public static EntryResult success() {
            return success(newRecordId());
        }

        public static EntryResult failure(String errorCode, String errorMessage) {
            return new EntryResult(null, Objects.requireNonNull(errorCode), errorMessage);
        }

        public boolean isSuccess() {
            return errorCode == null;
        }
    }

    /** Decodes a PutRecordBatch request body. */
    public static PutRecordBatch decodePutRecordBatchRequest(byte[] body) {
        JsonNode root = KinesisWire.read(KinesisWire.Format.JSON, body);
        List<byte[]> records = new ArrayList<>();
        for (JsonNode record : root.path("Records")) {
            records.add(KinesisWire.binary(record.get("Data")));
        }
        return new PutRecordBatch(KinesisWire.text(root, "DeliveryStreamName"), records);
    }

    /** Encodes a PutRecordBatch request body the way the SDK does (for tests and load generators). */
    public static byte[] encodePutRecordBatchRequest(String deliveryStreamName, List<byte[]> records) {
        return KinesisWire.write(KinesisWire.Format.JSON, g -> {
            g.writeStartObject();
            g.writeStringField("DeliveryStreamName", deliveryStreamName);
            g.writeArrayFieldStart("Records");
            for (byte[] data : records) {
                g.writeStartObject();
                g.writeFieldName("Data");
                g.writeBinary(data);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Encodes a PutRecordBatch response; FailedPutCount is the number of failed results. */
    public static byte[] encodePutRecordBatchResponse(List<EntryResult> results) {
        int failed = (int) results.stream().filter(r -> !r.isSuccess()).count();
        return KinesisWire.write(KinesisWire.Format.JSON, g -> {
            g.writeStartObject();
            g.writeNumberField("FailedPutCount", failed);
            g.writeBooleanField("Encrypted", false);
            g.writeArrayFieldStart("RequestResponses");
            for (EntryResult r : results) {
                g.writeStartObject();
                if (r.isSuccess()) {
                    g.writeStringField("RecordId", r.recordId());
                } else {
                    g.writeStringField("ErrorCode", r.errorCode());
                    g.writeStringField("ErrorMessage", r.errorMessage() == null ? r.errorCode() : r.errorMessage());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Decodes a PutRecordBatch response body (e.g. one read back from a request journal). */
    public static List<EntryResult> decodePutRecordBatchResponse(byte[] body) {
        JsonNode root = KinesisWire.read(KinesisWire.Format.JSON, body);
        List<EntryResult> results = new ArrayList<>();
        for (JsonNode r : root.path("RequestResponses")) {
            String code = KinesisWire.text(r, "ErrorCode");
            results.add(code != null ? EntryResult.failure(code, KinesisWire.text(r, "ErrorMessage"))
                    : EntryResult.success(KinesisWire.text(r, "RecordId")));
        }
        return results;
    }

    /** Encodes an error body; send it with header {@code x-amzn-ErrorType} set to the same code. */
    public static byte[] encodeError(String errorCode, String message) {
        return KinesisWire.encodeError(KinesisWire.Format.JSON, errorCode, message);
    }

    /** A random record id shaped like Firehose's (opaque, long, URL-safe). */
    public static String newRecordId() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        return (a.toString() + b.toString()).replace("-", "");
    }
}
