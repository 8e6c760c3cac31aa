package io.ecomlog.shipper;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a flow's events go: the local lake folder, a Kinesis data stream, or a Firehose delivery stream. Flows with
 * equal targets share one client.
 *
 * @param kind what it is
 * @param name the stream's name, or the lake folder
 */
public record Target(Kind kind, String name) {

    public enum Kind { LAKE, KINESIS, FIREHOSE }

    public Target {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a " + kind + " target needs a name");
        }
    }

    public static Target lake(Path folder) {
        return new Target(Kind.LAKE, folder.toString());
    }

    public static Target kinesis(String stream) {
        return new Target(Kind.KINESIS, stream);
    }

    public static Target firehose(String deliveryStream) {
        return new Target(Kind.FIREHOSE, deliveryStream);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + name;
    }
}
