package io.ecomlog.publicdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the public data samples live ({@code data/} at the repository root, sources in its README) and the three of
 * them parsed into typed events, for every program and test that replays them.
 */
public final class PublicData {

    /** The REES46 clickstream sample, relative to the data folder. */
    public static final String REES46_FILE = "rees46/2019-Oct-sample.csv";
    /** The UCI Online Retail invoices sample, relative to the data folder. */
    public static final String ONLINE_RETAIL_FILE = "online-retail/OnlineRetail-sample.csv";
    /** The Apache combined access log sample, relative to the data folder. */
    public static final String APACHE_FILE = "apache/access-combined-2015.log";
    /** System property naming the data folder explicitly. */
    public static final String DATA_PROPERTY = "ecomlog.data";

    private PublicData() {
    }

    /**
     * The data folder: the system property {@value #DATA_PROPERTY}, else {@code data} under the working directory or
     * any directory above it (so every module of the repository finds the one copy at the root).
     */
    public static Path findDataDir() {
        var candidates = new ArrayList<Path>();
        var explicit = System.getProperty(DATA_PROPERTY);
        if (explicit != null) {
            candidates.add(Path.of(explicit));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("data"));
        }
        for (var dir : candidates) {
            if (Files.isRegularFile(dir.resolve(REES46_FILE))) {
                return dir.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("no public data samples found in " + candidates.stream()
                .map(p -> p.toAbsolutePath().normalize().toString()).toList()
                + ": run from inside the repository, or name the folder with -D" + DATA_PROPERTY + "=...");
    }

    /** The three samples parsed, in the order the demos send them. */
    public static List<ParseResult> parseAll(Path dataDir) throws IOException {
        return List.of(new Rees46Parser().parse(dataDir.resolve(REES46_FILE)),
                new OnlineRetailParser().parse(dataDir.resolve(ONLINE_RETAIL_FILE)),
                new ApacheAccessLogParser().parse(dataDir.resolve(APACHE_FILE)));
    }
}
