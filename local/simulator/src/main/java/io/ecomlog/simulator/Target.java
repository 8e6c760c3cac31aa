package io.ecomlog.simulator;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the simulated shop sends its events: the local data lake (local mode, the default) or an AWS stream, reached
 * with a named profile of the shared AWS config files. {@code endpoint} overrides the service endpoint (a stand-in).
 */
public record Target(Kind kind, Path lake, String kinesisStream, String firehoseStream, String profile, String region,
                     String endpoint) {

    public enum Kind { LOCAL, AWS }

    public Target {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.LOCAL && lake == null) {
            throw new IllegalArgumentException("the local target needs a lake folder (--lake)");
        }
        if (kind == Kind.AWS && blank(kinesisStream) && blank(firehoseStream)) {
            throw new IllegalArgumentException("the aws target needs --stream or --delivery-stream");
        }
    }

    public static Target local(Path lake) {
        return new Target(Kind.LOCAL, lake, null, null, null, null, null);
    }

    public static Target aws(String kinesisStream, String firehoseStream, String profile, String region,
                             String endpoint) {
        return new Target(Kind.AWS, null, kinesisStream, firehoseStream, profile, region, endpoint);
    }

    @Override
    public String toString() {
        return kind == Kind.LOCAL ? "local lake " + lake
                : "aws " + (blank(kinesisStream) ? "delivery stream " + firehoseStream : "stream " + kinesisStream)
                + (blank(profile) ? "" : " (profile " + profile + ")");
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
