package io.ecomlog.backend.opensearch;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Writes dead letters as one NDJSON.gz object per call, under
 * {@code <prefix><kind>/YYYY/MM/DD/HH/<source>-<uuid>.ndjson.gz} ({@code failed/} for documents OpenSearch kept
 * refusing, {@code rejected/} for input that was no event): to S3 in AWS, to a folder in local mode ({@link Store}).
 * A failed document's line carries the document as JSON, so replaying the prefix through the indexer is reading
 * {@code document} back. A write that fails throws: the caller keeps the input for Lambda to deliver again rather
 * than lose it.
 */
public final class DeadLetters {

    /** Where the objects go: {@code key} is the whole key, prefix included. A failed write throws. */
    @FunctionalInterface
    public interface Store {
        void put(String key, byte[] ndjsonGzip);
    }

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    private final Store store;
    private final String prefix;
    private final Clock clock;

    public DeadLetters(Store store, String prefix, Clock clock) {
        this.store = store;
        this.prefix = prefix;
        this.clock = clock;
    }

    /** Into {@code bucket} through the S3 client, asked for only when a letter is written. */
    public static Store s3(Supplier<S3Client> s3, String bucket) {
        return (key, bytes) -> s3.get().putObject(b -> b.bucket(bucket).key(key).contentType("application/x-ndjson")
                .contentEncoding("gzip"), RequestBody.fromBytes(bytes));
    }

    /** Writes the letters of one kind (nothing for none); returns the object's key, or null. */
    public String write(DeadLetter.Kind kind, String source, List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return null;
        }
        String key = prefix + kind.name().toLowerCase(Locale.ROOT) + "/" + HOUR.format(clock.instant()) + "/"
                + source + "-" + UUID.randomUUID() + ".ndjson.gz";
        store.put(key, encode(letters));
        return key;
    }

    static byte[] encode(List<DeadLetter> letters) {
        var bytes = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(bytes);
             JsonGenerator g = JsonResources.JSON.getFactory().createGenerator(gzip, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            for (DeadLetter letter : letters) {
                write(g, letter);
                g.flush();
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory
        }
        return bytes.toByteArray();
    }

    private static void write(JsonGenerator g, DeadLetter letter) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", letter.kind().name().toLowerCase(Locale.ROOT));
        g.writeStringField("reason", letter.reason());
        g.writeStringField("origin", letter.origin());
        if (letter.kind() == DeadLetter.Kind.FAILED) {
            g.writeNumberField("status", letter.status());
            g.writeStringField("error_type", letter.errorType());
            g.writeNumberField("attempts", letter.attempts());
            g.writeStringField("index", letter.index());
            g.writeStringField("id", letter.id());
            g.writeFieldName("document");
            // the source is the codec's JSON of a decoded event: written as it is
            g.writeRawValue(new String(letter.document(), StandardCharsets.UTF_8));
        } else {
            g.writeStringField("excerpt", letter.excerpt());
        }
        g.writeEndObject();
    }
}
