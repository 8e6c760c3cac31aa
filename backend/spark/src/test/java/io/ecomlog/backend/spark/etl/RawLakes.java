package io.ecomlog.backend.spark.etl;

import io.ecomlog.event.EcomEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** For tests outside this package: a raw lake folder of the given events, laid out as the client writes it. */
public final class RawLakes {

    private RawLakes() {
    }

    public static List<Path> write(List<EcomEvent> events, Path root, String producer) throws IOException {
        return new RawLake(root).write(events, producer);
    }
}
