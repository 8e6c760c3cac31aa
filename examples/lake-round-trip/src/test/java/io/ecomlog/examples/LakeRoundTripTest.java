package io.ecomlog.examples;

import io.ecomlog.publicdata.PublicData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class LakeRoundTripTest {

    @TempDir
    Path lake;

    @Test
    void everyParsedEventLandsInTheLakeOnceAndNothingIsDropped() throws IOException {
        // what the parsers make of the files, independently of the demo's own bookkeeping
        var expected = new TreeMap<String, Long>();
        for (var parse : PublicData.parseAll(PublicData.findDataDir())) {
            parse.events().forEach(e -> expected.merge(e.eventType().wireName(), 1L, Long::sum));
        }
        assertThat(expected).isEqualTo(Map.of("http_access", 5000L, "order_cancelled", 4L, "order_completed", 73L,
                "product_added", 3L, "product_viewed", 987L));

        var printed = new ByteArrayOutputStream();
        var summary = LakeRoundTrip.run(PublicData.findDataDir(), lake, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(summary.complete()).isTrue();
        assertThat(summary.parsedByType()).isEqualTo(expected);
        assertThat(summary.sentByType()).isEqualTo(expected);
        expected.forEach((type, n) -> assertThat(summary.inLake(type)).as(type).isEqualTo(n));
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(summary.refused()).isZero();
        assertThat(summary.closedInTime()).isTrue();

        var stats = summary.stats();
        assertThat(stats.accepted()).isEqualTo(6067);
        assertThat(stats.droppedTotal()).isZero();
        assertThat(stats.destinations()).singleElement().satisfies(d -> {
            assertThat(d.sent()).isEqualTo(6067);
            assertThat(d.backedUpTotal()).isZero();
            assertThat(d.spooled()).isZero();
        });

        // the Hive layout the backend and DuckDB read
        try (var files = Files.walk(lake)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> lake.relativize(p).toString().replace('\\', '/')))
                    .isNotEmpty()
                    .allMatch(k -> k.matches("event_type=[a-z_]+/year=\\d{4}/month=\\d\\d/day=\\d\\d/hour=\\d\\d/"
                            + summary.producerId() + "-[0-9a-f-]+\\.ndjson\\.gz"), "Hive-partitioned object keys")
                    .anyMatch(k -> k.startsWith("event_type=http_access/year=2015/month=05/day=17/"))
                    .anyMatch(k -> k.startsWith("event_type=order_completed/year=2010/month=12/day=01/"))
                    .anyMatch(k -> k.startsWith("event_type=product_viewed/year=2019/month=10/day=01/hour=00/"));
        }
        var table = printed.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("http_access", "5000", "OK: every parsed event is in the lake exactly once");
    }

    @Test
    void aSecondRunIntoTheSameLakeCountsOnlyItsOwnObjects() throws IOException {
        var quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        LakeRoundTrip.run(PublicData.findDataDir(), lake, quiet);
        var second = LakeRoundTrip.run(PublicData.findDataDir(), lake, quiet);
        assertThat(second.complete()).isTrue();
        assertThat(second.inLake()).isEqualTo(6067);
    }
}
