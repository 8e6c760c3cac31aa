package io.ecomlog.local;

import io.ecomlog.backend.opensearch.DailyIndex;
import io.ecomlog.backend.opensearch.IndexerConfig;
import io.ecomlog.backend.opensearch.LogSearch;
import io.ecomlog.backend.opensearch.OpenSearchClients;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.local.dashboard.DashboardData;
import io.ecomlog.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a user sees when log search cannot work: a node that stops while starting fails the run with where its log
 * is, a missing class-path file says how to build it, and a node that does not answer makes the dashboard's search a
 * 503 with the reason, not a 500.
 */
class LocalSearchFailureTest {

    @Test
    void aNodeThatStopsWhileStartingFailsTheStartNamingItsLog(@TempDir Path work) throws Exception {
        Path classpath = work.resolve("search-node.classpath");
        Files.writeString(classpath, work.resolve("no-such.jar").toString()); // the main class is nowhere

        assertThatThrownBy(() -> LocalSearch.start(work, Duration.ofMinutes(2), classpath))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the OpenSearch node stopped with status")
                .hasMessageContaining(work.resolve("search-node").resolve("node.log").toString());
        assertThat(Files.readString(work.resolve("search-node").resolve("node.log")))
                .contains("io.ecomlog.local.searchnode.SearchNodeMain");
    }

    @Test
    void withoutAClassPathFileTheMessageSaysHowToBuildIt() {
        String before = System.getProperty(LocalSearch.CLASSPATH_PROPERTY);
        System.setProperty(LocalSearch.CLASSPATH_PROPERTY, "/nonexistent/search-node.classpath");
        try {
            assertThatThrownBy(() -> LocalSearch.start(Path.of("target", "unused"), Duration.ofSeconds(1)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("no /nonexistent/search-node.classpath: build the project first (./mvnw -pl "
                            + "local/local-mode -am package -DskipTests) or set -D" + LocalSearch.CLASSPATH_PROPERTY);
        } finally {
            if (before == null) {
                System.clearProperty(LocalSearch.CLASSPATH_PROPERTY);
            } else {
                System.setProperty(LocalSearch.CLASSPATH_PROPERTY, before);
            }
        }
    }

    @Test
    void aNodeThatDoesNotAnswerIsA503WithTheReason() {
        // a port nothing listens on
        var config = IndexerConfig.from(new EnvConfig(Map.of(
                "OPENSEARCH_ENDPOINT", Loopback.httpEndpoint(Loopback.freePort()).toString(),
                "OPENSEARCH_AUTH", "none",
                "DEAD_LETTER_BUCKET", "unused")));
        var search = new LogSearch(OpenSearchClients.create(config), new DailyIndex(LocalSearch.INDEX_PREFIX));

        for (Runnable call : new Runnable[] {
                () -> LogSearchAnswers.page(search, new DashboardData.LogQuery("error", null, null, null, null, null,
                        null, null, null, 0, 10)),
                () -> LogSearchAnswers.session(search, "s-1")}) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(DashboardData.Refused.class, refused -> {
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.getMessage()).startsWith("the OpenSearch node could not answer the search: ");
            });
        }
        // a query the search cannot take is the caller's fault
        assertThatThrownBy(() -> LogSearchAnswers.page(search, new DashboardData.LogQuery(null, null, null, "6xx",
                null, null, null, null, null, 0, 10))).isInstanceOfSatisfying(DashboardData.Refused.class,
                refused -> assertThat(refused.status()).isEqualTo(400));
    }
}
