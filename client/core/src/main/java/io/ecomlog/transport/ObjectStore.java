package io.ecomlog.transport;

import java.io.IOException;
import java.util.List;

/** Where whole objects go: an S3 bucket, or a folder on disk for the local data lake. */
public interface ObjectStore extends AutoCloseable {

    /** e.g. {@code s3://bucket} or {@code file:/var/lake}. */
    String describe();

    void put(String key, byte[] body) throws IOException;

    /** Keys under a prefix, in lexical order (for the replay tool and tests). */
    List<String> list(String prefix) throws IOException;

    byte[] get(String key) throws IOException;

    @Override
    default void close() {
    }
}
