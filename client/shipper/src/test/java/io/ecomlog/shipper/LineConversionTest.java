package io.ecomlog.shipper;

import io.ecomlog.access.AccessLogParser;
import io.ecomlog.event.AppError;
import io.ecomlog.event.EventType;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.event.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.ecomlog.shipper.ShipperFixtures.appendText;
import static io.ecomlog.shipper.ShipperFixtures.config;
import static io.ecomlog.shipper.ShipperFixtures.lakeEvents;
import static io.ecomlog.shipper.ShipperFixtures.lakeFlow;
import static org.assertj.core.api.Assertions.assertThat;

/** Lines become typed events; lines that cannot are counted by reason, and the good ones beside them still ship. */
class LineConversionTest {

    @TempDir
    Path dir;

    @Test
    void accessLogLinesBecomeHttpAccessEventsAndMalformedOnesAreCountedByReason() throws Exception {
        var log = dir.resolve("access.log");
        var lake = dir.resolve("lake");
        appendText(log, """
                203.0.113.7 - alice [10/Oct/2026:13:55:36 +0000] "GET /product/42?ref=mail HTTP/1.1" 200 2326 "https://shop.example/" "Mozilla/5.0"
                garbage that is no access log line
                203.0.113.8 - - [10/Oct/2026:13:55:37 +0000] "-" 400 0 "-" "-"
                203.0.113.9 - - [10/Oct/2026:13:55:38 +0000] "POST /cart HTTP/1.1" 500 12
                203.0.113.9 - - [99/Foo/2026:13:55:38 +0000] "GET / HTTP/1.1" 200 12
                """);
        var shipper = new Shipper(config(dir, List.of(lakeFlow(log.toString(), lake, LineFormat.ACCESS_LOG))));
        shipper.runOnce();

        var counters = shipper.counters().snapshot();
        assertThat(counters.lines()).isEqualTo(5);
        assertThat(counters.events()).isEqualTo(2);
        assertThat(counters.rejected()).isEqualTo(Map.of(
                AccessLogParser.NOT_IN_FORMAT, 1L,
                AccessLogParser.NO_REQUEST_LINE, 1L,
                AccessLogParser.UNREADABLE_TIME, 1L));
        var events = lakeEvents(lake);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.eventType()).isEqualTo(EventType.HTTP_ACCESS);
            // the path's end only: the client's card-number redaction may take a Luhn-valid run of digits in the
            // temporary folder's random name for a card
            assertThat((String) e.properties().get("source_file")).endsWith("/access.log");
        });
        assertThat(events).extracting(e -> ((HttpAccess) e.payload()).status()).containsExactlyInAnyOrder(200, 500);
    }

    @Test
    void jsonAppLogsPlainLinesAndOverlongLines() throws Exception {
        var log = dir.resolve("app.log");
        var lake = dir.resolve("lake");
        String longLine = "x".repeat(5000);
        appendText(log, """
                {"@timestamp":"2026-10-10T10:00:00Z","level":"WARN","message":"stock low","logger_name":"shop.Stock","sku":"A-1"}
                {"@timestamp":"2026-10-10T10:00:01Z","level":"ERROR","message":"payment failed","stack_trace":"java.lang.IllegalStateException: declined\\n\\tat shop.Pay.run(Pay.java:1)"}
                {"no":"message here"}
                {"broken json
                a plain line from a script
                """ + longLine + "\n");
        var config = config(dir, List.of(lakeFlow(log.toString(), lake, LineFormat.AUTO)));
        config = new ShipperConfig(config.checkpointFile(), config.spoolDirectory(), null, null, null,
                config.flows(), 1024, config.pollInterval(), config.checkpointInterval(), config.statusInterval(),
                List.of());
        var shipper = new Shipper(config);
        shipper.runOnce();

        var counters = shipper.counters().snapshot();
        assertThat(counters.lines()).isEqualTo(6);
        assertThat(counters.cutLines()).isEqualTo(1);
        assertThat(counters.rejected()).isEqualTo(Map.of(
                LineConverter.JSON_WITHOUT_MESSAGE, 1L, LineConverter.INVALID_JSON, 1L));
        var events = lakeEvents(lake);
        assertThat(events).hasSize(4);
        assertThat(events).filteredOn(e -> e.eventType() == EventType.LOG)
                .extracting(e -> ((LogRecord) e.payload()).message())
                .containsExactlyInAnyOrder("stock low", "a plain line from a script", "x".repeat(1024));
        assertThat(events).filteredOn(e -> e.eventType() == EventType.APP_ERROR)
                .singleElement().satisfies(e -> assertThat(((AppError) e.payload()).errorClass())
                        .isEqualTo("java.lang.IllegalStateException"));
    }

    @Test
    void windowsLineBreaksAreTrimmedAndBlankLinesSkipped() throws Exception {
        var log = dir.resolve("win.log");
        var lake = dir.resolve("lake");
        appendText(log, "first\r\n\n   \t\r\nsecond\n");
        var shipper = new Shipper(config(dir, List.of(lakeFlow(log.toString(), lake, LineFormat.AUTO))));
        assertThat(shipper.runOnce()).isTrue();
        assertThat(shipper.counters().snapshot().lines()).isEqualTo(2);
        assertThat(lakeEvents(lake)).extracting(e -> ((LogRecord) e.payload()).message())
                .containsExactlyInAnyOrder("first", "second");
    }
}
