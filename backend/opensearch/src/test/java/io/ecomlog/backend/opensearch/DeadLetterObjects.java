package io.ecomlog.backend.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.testing.SharedS3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads back the dead letters a test's indexer wrote to S3Mock. */
final class DeadLetterObjects {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterObjects() {
    }

    static List<JsonNode> read(String bucket, String prefix) {
        var letters = new ArrayList<JsonNode>();
        for (byte[] object : SharedS3.shared().readAll(bucket, prefix).values()) {
            try (var in = new GZIPInputStream(new ByteArrayInputStream(object))) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        letters.add(JSON.readTree(line));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return letters;
    }
}
