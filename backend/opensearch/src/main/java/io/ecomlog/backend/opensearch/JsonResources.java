package io.ecomlog.backend.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The JSON documents shipped in this package (template, policy), read with their {@code _comment} removed. */
final class JsonResources {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonResources() {
    }

    static ObjectNode read(String name) {
        try (InputStream in = JsonResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the jar");
            }
            ObjectNode node = (ObjectNode) JSON.readTree(in);
            node.remove("_comment");
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
