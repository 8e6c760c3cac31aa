package io.ecomlog.compat;

import com.fasterxml.jackson.core.json.PackageVersion;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.LogRecord;
import io.ecomlog.record.RecordCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every compatibility test checks first (the Jackson it runs on) and last (what arrived in the lake). */
final class CompatSupport {

    /** A message with an emoji: the character that needed the Jackson 2.18 feature. */
    static final String MESSAGE = "order shipped \uD83D\uDE9A to Zoë";

    private CompatSupport() {
    }

    /** The run is on the Jackson this surefire execution put on the class path, not the one ecomlog is built with. */
    static void assertJacksonOnClassPath() {
        String expected = System.getProperty("expected.jackson.version");
        assertThat(expected).as("set by the surefire execution").isNotBlank();
        assertThat(PackageVersion.VERSION.toString()).as("jackson-core").isEqualTo(expected);
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()).as("jackson-databind")
                .isEqualTo(expected);
    }

    static List<EcomEvent> lake(Path lake) {
        var codec = new EventCodec();
        var events = new ArrayList<EcomEvent>();
        if (!Files.isDirectory(lake)) {
            return events;
        }
        try (Stream<Path> files = Files.walk(lake)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson.gz")).toList()) {
                RecordCodec.lines(Files.readAllBytes(f)).forEach(l -> events.add(codec.decode(l)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    static List<String> messages(List<EcomEvent> events) {
        return events.stream().map(e -> ((LogRecord) e.payload()).message()).toList();
    }
}
