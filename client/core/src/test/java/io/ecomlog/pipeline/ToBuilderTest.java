package io.ecomlog.pipeline;

import io.ecomlog.transport.LocalFolderStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A client's {@code toBuilder()}: a second client with everything the first was given, but what it changes. */
class ToBuilderTest {

    @TempDir
    Path dir;

    @Test
    void aSecondClientKeepsTheFirstsDestinationsAndChangesOnlyWhatItSets() throws Exception {
        Path lake = dir.resolve("lake");
        try (var first = EcomlogClient.builder().localLake(lake).producerId("first").shutdownHook(false)
                .linger(Duration.ofMillis(20)).build()) {
            var builder = first.toBuilder().producerId("second");
            try (var second = builder.build()) {
                assertThat(second.submitJson(line("e2"))).isTrue();
                assertThat(second.flush(Duration.ofSeconds(10))).isTrue();
            }
            assertThat(first.submitJson(line("e1"))).isTrue();
            assertThat(first.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(first.toBuilder()).as("a new builder each time").isNotSameAs(builder);
        }
        var keys = new LocalFolderStore(lake).list("");
        assertThat(keys).anyMatch(k -> k.contains("/first-")).anyMatch(k -> k.contains("/second-"));
    }

    @Test
    void anUnavailableClientHasNothingToBuildFrom() {
        assertThatThrownBy(() -> EcomlogClient.unavailable("no region").toBuilder())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no region");
    }

    private static byte[] line(String id) {
        return ("{\"event_id\":\"" + id + "\",\"event_type\":\"log\",\"message\":\"m\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
