package io.ecomlog.spool;

import io.ecomlog.logging.PipelineSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The appenders' default spool folder: per application and producer, overridable, switchable off, locked. */
class SpoolLocationTest {

    @TempDir
    Path root;

    private final String previousRoot = System.getProperty(SpoolLocation.ROOT_PROPERTY);

    private void useRoot() {
        System.setProperty(SpoolLocation.ROOT_PROPERTY, root.toString());
    }

    @AfterEach
    void restoreRoot() {
        if (previousRoot != null) {
            System.setProperty(SpoolLocation.ROOT_PROPERTY, previousRoot);
        } else {
            System.clearProperty(SpoolLocation.ROOT_PROPERTY);
        }
    }

    @Test
    void byDefaultEachApplicationAndProducerHasItsOwnFolderUnderTheRoot() {
        useRoot();
        var shop = new PipelineSettings();
        shop.setApplicationName("Shop");
        shop.setProducerId("web-1");
        var billing = new PipelineSettings();
        billing.setApplicationName("billing");
        billing.setProducerId("web-1");
        assertThat(shop.spoolPath()).isEqualTo(root.resolve("shop").resolve("web-1"));
        assertThat(billing.spoolPath()).isEqualTo(root.resolve("billing").resolve("web-1"));

        var unnamed = new PipelineSettings();
        assertThat(unnamed.spoolPath()).as("main class and host name when nothing is set")
                .isEqualTo(root.resolve(SpoolLocation.defaultApplicationName()).resolve(SpoolLocation.hostName()));
    }

    @Test
    void aConfiguredFolderWinsAndNoneSwitchesTheSpoolOff() {
        var settings = new PipelineSettings();
        settings.setSpoolDirectory(root.resolve("mine").toString());
        assertThat(settings.spoolPath()).isEqualTo(root.resolve("mine"));
        settings.setSpoolDirectory("none");
        assertThat(settings.spoolPath()).isNull();
        settings.setSpoolDirectory("OFF");
        assertThat(settings.spoolPath()).isNull();
    }

    @Test
    void aFolderInUseIsNotSharedTheNextClientTakesTheNextSlot() throws Exception {
        Path dir = root.resolve("app").resolve("kinesis_events");
        try (var first = SpoolLock.acquire(dir); var second = SpoolLock.acquire(dir)) {
            assertThat(first.dir()).isEqualTo(dir);
            assertThat(second.dir()).isEqualTo(root.resolve("app").resolve("kinesis_events-2"));
        }
        try (var again = SpoolLock.acquire(dir)) {
            assertThat(again.dir()).as("released: a restarted process gets its folder back").isEqualTo(dir);
        }
        assertThat(Files.exists(dir.resolve(".lock"))).isFalse();
    }

    @Test
    void aFolderHoldsEventsOnlyWhenItHasSegments() throws Exception {
        assertThat(SpoolLocation.holdsEvents(root.resolve("missing"))).isFalse();
        var spool = new DiskSpool(root.resolve("dest"), 1 << 20, 1 << 20);
        assertThat(SpoolLocation.holdsEvents(root)).isFalse();
        spool.append(java.util.List.of(new io.ecomlog.record.EncodedEvent("e1", "log", java.time.Instant.EPOCH,
                null, "{\"event_id\":\"e1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0)));
        assertThat(SpoolLocation.holdsEvents(root)).as("an open segment counts").isTrue();
    }
}
