package io.ecomlog.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where the appenders and the Spring Boot starter keep their disk spool when none is configured:
 * {@code <root>/<application>/<producer>}, so that two applications (or two producers of one) never replay each
 * other's events, and a restarted process finds what its previous run left. The root is the system property
 * {@value #ROOT_PROPERTY}, else the environment variable {@value #ROOT_ENV}, else {@code ~/.ecomlog/spool}.
 */
public final class SpoolLocation {

    public static final String ROOT_PROPERTY = "ecomlog.spool.root";
    public static final String ROOT_ENV = "ECOMLOG_SPOOL_ROOT";

    private SpoolLocation() {
    }

    /** The default spool folder of one application and producer (names reduced to safe file-name characters). */
    public static Path defaultFor(String application, String producer) {
        return root().resolve(safeName(application, "app")).resolve(safeName(producer, hostName()));
    }

    public static Path root() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ROOT_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        return Path.of(System.getProperty("user.home"), ".ecomlog", "spool");
    }

    /**
     * A name for this application when none is configured: the main class's simple name or the jar's name, from the
     * command line the JVM was started with (stable across restarts, unlike the pid).
     */
    public static String defaultApplicationName() {
        String command = System.getProperty("sun.java.command", "");
        String main = command.isBlank() ? "app" : command.trim().split("\\s+")[0];
        main = main.replace('\\', '/');
        main = main.substring(main.lastIndexOf('/') + 1);
        if (main.endsWith(".jar")) {
            main = main.substring(0, main.length() - 4);
        } else if (main.contains(".")) {
            main = main.substring(main.lastIndexOf('.') + 1);
        }
        return safeName(main, "app");
    }

    /** This host's name, or {@code localhost} when it cannot be resolved. */
    public static String hostName() {
        try {
            return safeName(InetAddress.getLocalHost().getHostName(), "localhost");
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Whether a folder (with its sub-folders) holds spool segments; false when it does not exist. */
    public static boolean holdsEvents(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir, 5)) { // root/application/producer/destination/segment
            return files.anyMatch(DiskSpool::isSegmentFile);
        } catch (IOException | UncheckedIOException e) {
            return false; // unreadable: the client reports it when it opens the spool
        }
    }

    static String safeName(String name, String fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        String safe = name.trim().replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.startsWith(".") ? "_" + safe.substring(1) : safe.toLowerCase(Locale.ROOT);
    }
}
