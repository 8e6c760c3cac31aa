package io.ecomlog.backend.lambda.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ecomlog.backend.aws.S3ObjectRef;
import io.ecomlog.reader.Rejection;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * The lines of one source object that could not be used, kept for people and for replay: one gzip NDJSON object
 * at {@code <quarantine prefix>/<source bucket>/<source key>.rejected.ndjson.gz} with one line per rejected line
 * ({@code source}, {@code line}, {@code reason}, {@code detail}, {@code excerpt} — at most 2 KiB of the line).
 * Written through a temporary file; nothing is uploaded when nothing was rejected.
 */
final class Quarantine implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String source;
    private final Path tempDir;
    private Path file;
    private OutputStream out;
    private long lines;

    Quarantine(S3Client s3, String bucket, String prefix, S3ObjectRef source, Path tempDir) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = (prefix.endsWith("/") || prefix.isEmpty() ? prefix : prefix + "/") + source.bucket() + "/"
                + source.key() + ".rejected.ndjson.gz";
        this.source = "s3://" + source.bucket() + "/" + source.key();
        this.tempDir = tempDir;
    }

    void add(long line, Rejection rejection) throws IOException {
        if (out == null) {
            file = Files.createTempFile(tempDir, "quarantine-", ".ndjson.gz");
            out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        }
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("source", source);
            g.writeNumberField("line", line);
            g.writeStringField("reason", rejection.reason());
            g.writeStringField("detail", rejection.detail());
            g.writeStringField("excerpt", rejection.excerpt());
            g.writeEndObject();
        }
        out.write('\n');
        lines++;
    }

    /** The key written, or null when nothing was rejected. */
    String key() {
        return lines == 0 ? null : key;
    }

    @Override
    public void close() throws IOException {
        if (out == null) {
            return;
        }
        out.close();
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/x-ndjson").contentEncoding("gzip"),
                    RequestBody.fromFile(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
