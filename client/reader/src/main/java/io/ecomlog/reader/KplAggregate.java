package io.ecomlog.reader;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * De-aggregates Kinesis records made by the KPL's aggregation: {@code F3 89 9A C2}, a protobuf
 * {@code AggregatedRecord} (partition-key table = 1, explicit-hash-key table = 2, records = 3, each record with
 * partition-key index = 1 and data = 3), and the MD5 of the protobuf bytes (amazon-kinesis-producer's
 * {@code aggregation-format.md}). Like the KCL, a record without the magic bytes or whose MD5 does not match is not
 * an aggregate and passes through as one user record.
 *
 * <p>Written here on protobuf's {@link CodedInputStream} rather than taken from the KCL's {@code AggregatorUtil}:
 * the KCL brings DynamoDB, CloudWatch, the Glue schema registry and more into every Lambda and Flink job that only
 * needs these three fields, and the AWS de-aggregator library is not published for SDK v2. The module's tests read
 * what the real KPL wrote (ecomlog-kpl's tests) and hand-built aggregates.
 */
public final class KplAggregate {

    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    static final int DIGEST_LENGTH = 16;

    private KplAggregate() {
    }

    /** One user record: its data and the partition key the producer gave it (null for a record not aggregated). */
    public record UserRecord(String partitionKey, byte[] data) {
    }

    /** Whether the data starts with the KPL's magic bytes and ends with a matching MD5. */
    public static boolean isAggregate(byte[] data) {
        if (data.length < MAGIC.length + DIGEST_LENGTH || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0,
                MAGIC.length)) {
            return false;
        }
        byte[] digest = md5(data, MAGIC.length, data.length - DIGEST_LENGTH);
        return Arrays.equals(digest, 0, DIGEST_LENGTH, data, data.length - DIGEST_LENGTH, data.length);
    }

    /**
     * The user records in one Kinesis record's data: those of the aggregate, or the data itself when it is not one.
     *
     * @throws MalformedRecordException when the data is an aggregate (magic and MD5 match) whose message is broken
     */
    public static List<UserRecord> userRecords(byte[] data) {
        if (!isAggregate(data)) {
            return List.of(new UserRecord(null, data));
        }
        try {
            return parse(CodedInputStream.newInstance(data, MAGIC.length,
                    data.length - MAGIC.length - DIGEST_LENGTH));
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new MalformedRecordException("KPL aggregate with a valid checksum but a broken message: "
                    + e.getMessage(), e);
        }
    }

    /**
     * An aggregate of the user records in the KPL's format (for tests and local tools that must produce what the KPL
     * produces without its daemon). Each record's partition key goes into the key table once.
     */
    public static byte[] aggregate(List<UserRecord> records) {
        var body = new ByteArrayOutputStream();
        try {
            var out = CodedOutputStream.newInstance(body);
            var keys = new LinkedHashMap<String, Integer>();
            for (var r : records) {
                keys.putIfAbsent(r.partitionKey() == null ? "" : r.partitionKey(), keys.size());
            }
            for (String key : keys.keySet()) {
                out.writeString(1, key);
            }
            for (var r : records) {
                int index = keys.get(r.partitionKey() == null ? "" : r.partitionKey());
                int size = CodedOutputStream.computeUInt64Size(1, index) + CodedOutputStream.computeByteArraySize(3,
                        r.data());
                out.writeTag(3, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(size);
                out.writeUInt64(1, index);
                out.writeByteArray(3, r.data());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        byte[] message = body.toByteArray();
        var all = new ByteArrayOutputStream(MAGIC.length + message.length + DIGEST_LENGTH);
        all.writeBytes(MAGIC);
        all.writeBytes(message);
        all.writeBytes(md5(message, 0, message.length));
        return all.toByteArray();
    }

    private static List<UserRecord> parse(CodedInputStream in) throws IOException {
        var keys = new ArrayList<String>();
        var records = new ArrayList<IndexedRecord>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag >>> 3) {
                case 1 -> keys.add(in.readStringRequireUtf8());
                case 3 -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    long keyIndex = -1;
                    byte[] recordData = null;
                    for (int t = in.readTag(); t != 0; t = in.readTag()) {
                        switch (t >>> 3) {
                            case 1 -> keyIndex = in.readUInt64();
                            case 3 -> recordData = in.readByteArray();
                            default -> in.skipField(t); // explicit hash key index, tags
                        }
                    }
                    in.popLimit(limit);
                    if (recordData == null) {
                        throw new IOException("a user record has no data");
                    }
                    records.add(new IndexedRecord(keyIndex, recordData));
                }
                default -> in.skipField(tag); // explicit hash key table
            }
        }
        var out = new ArrayList<UserRecord>(records.size());
        for (var r : records) {
            boolean known = r.keyIndex() >= 0 && r.keyIndex() < keys.size();
            out.add(new UserRecord(known ? keys.get((int) r.keyIndex()) : null, r.data()));
        }
        return out;
    }

    /** A user record as the message holds it: the partition key by its index in the key table. */
    private record IndexedRecord(long keyIndex, byte[] data) {
    }

    static byte[] md5(byte[] data, int from, int to) {
        try {
            var md = MessageDigest.getInstance("MD5");
            md.update(data, from, to - from);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
