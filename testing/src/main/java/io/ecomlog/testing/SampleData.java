package io.ecomlog.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The public data samples kept once in the repository, in {@code data} at the repository root (see its README for sources and
 * licences), found by walking up from the test's working directory.
 */
public final class SampleData {

    public static final String APACHE = "apache/access-combined-2015.log";
    public static final String ONLINE_RETAIL = "online-retail/OnlineRetail-sample.csv";
    public static final String REES46 = "rees46/2019-Oct-sample.csv";

    private SampleData() {
    }

    public static Path file(String relative) {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("data/" + relative + " not found above " + Paths.get("")
                .toAbsolutePath());
    }
}
