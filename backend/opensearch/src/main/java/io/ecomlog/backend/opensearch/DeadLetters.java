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
 * Writes dead letters to S3 as one NDJSON.gz object per call, under
 * {@code <prefix><kind>/YYYY/MM/DD/HH/<source>-<uuid>.ndjson.gz} ({@code failed/} for documents OpenSearch kept
 * refusing, {@code rejected/} for input that was no event). A failed document's line carries the document as JSON,
 * so replaying the prefix through the indexer is reading {@code document} back. A write that fails throws: the
 * caller keeps the input for Lambda to deliver again rather than lose it.
 */
public final class DeadLetters {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    private final Supplier<S3Client> s3;
    private final String bucket;
    private final String prefix;
    private final Clock clock;

    public DeadLetters(Supplier<S3Client> s3, String bucket, String prefix, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.clock = clock;
    }

    /** Writes the letters of one kind (nothing for none); returns the object's key, or null. */
    public String write(DeadLetter.Kind kind, String source, List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return null;
        }
        String key = prefix + kind.name().toLowerCase(Locale.ROOT) + "/" + HOUR.format(clock.instant()) + "/"
                + source + "-" + UUID.randomUUID() + ".ndjson.gz";
        s3.get().putObject(b -> b.bucket(bucket).key(key).contentType("application/x-ndjson").contentEncoding("gzip"),
                RequestBody.fromBytes(encode(letters)));
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
