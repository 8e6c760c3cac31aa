package io.ecomlog.shipper;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static io.ecomlog.shipper.ShipperFixtures.appendText;
import static io.ecomlog.shipper.ShipperFixtures.lakeEvents;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code --backfill}: existing files imported once from their start, each line at its own time. */
class BackfillTest {

    @TempDir
    Path dir;

    @Test
    void oldFilesLandAtTheirOwnTimesOnceEvenWhereTheAgentWouldStartAtTheEnd() throws Exception {
        var access = dir.resolve("access_log");
        appendText(access, """
                198.51.100.4 - - [17/May/2015:10:05:03 +0800] "GET /product/7 HTTP/1.1" 200 512 "-" "curl/8"
                198.51.100.4 - - [18/May/2015:23:59:59 -0500] "GET /cart HTTP/1.1" 500 9 "-" "curl/8"
                """);
        var app = dir.resolve("app.log");
        appendText(app, """
                {"@timestamp": "2020-02-02T02:02:02.500Z", "level": "WARN", "message": "payment declined"}
                2019-03-04 05:06:07.890 WARN  [main] o.e.Shop - stock low
                2019-03-04T05:06:08+01:00 INFO started
                a line with no time of its own
                """);
        // the agent's default initialPosition is END_OF_FILE: a plain run ships nothing of what is already there
        var agent = dir.resolve("agent.json");
        Files.writeString(agent, """
                {"checkpointFile": "%s",
                 "flows": [{"filePattern": "%s", "kinesisStream": "s",
                            "dataProcessingOptions": [{"optionName": "LOGTOJSON", "logFormat": "COMBINEDAPACHELOG"}]},
                           {"filePattern": "%s", "kinesisStream": "s"}]}
                """.formatted(dir.resolve("cp.json"), access, app));
        var lake = dir.resolve("lake");
        Instant started = Instant.now();

        int code = new CommandLine(new ShipperCommand()).execute("--agent-config", agent.toString(),
                "--lake", lake.toString(), "--backfill");

        assertThat(code).isZero();
        var byMessage = new TreeMap<String, Instant>();
        for (EcomEvent e : lakeEvents(lake)) {
            String key = e.eventType() == EventType.HTTP_ACCESS ? e.page().path()
                    : ((io.ecomlog.event.LogRecord) e.payload()).message();
            byMessage.put(key, e.eventTime());
        }
        assertThat(byMessage).containsAllEntriesOf(Map.of(
                "/product/7", Instant.parse("2015-05-17T02:05:03Z"),
                "/cart", Instant.parse("2015-05-19T04:59:59Z"),
                "payment declined", Instant.parse("2020-02-02T02:02:02.500Z"),
                "2019-03-04 05:06:07.890 WARN  [main] o.e.Shop - stock low", Instant.parse("2019-03-04T05:06:07.890Z"),
                "2019-03-04T05:06:08+01:00 INFO started", Instant.parse("2019-03-04T04:06:08Z")));
        assertThat(byMessage).hasSize(6);
        assertThat(byMessage.get("a line with no time of its own")).isAfterOrEqualTo(started);
        try (var objects = Files.walk(lake)) {
            assertThat(objects.map(Path::toString).filter(p -> p.endsWith(".ndjson.gz")))
                    .anyMatch(p -> p.contains("year=2015/month=05/day=17"))
                    .anyMatch(p -> p.contains("year=2019/month=03/day=04"));
        }

        // again: the checkpoint says everything was shipped, so nothing is shipped twice
        assertThat(new CommandLine(new ShipperCommand()).execute("--agent-config", agent.toString(),
                "--lake", lake.toString(), "--backfill")).isZero();
        assertThat(lakeEvents(lake)).hasSize(6);
    }

    @Test
    void leadingTimesOfPlainLines() {
        assertThat(LineConverter.leadingTime("2026-12-01T10:00:00Z x")).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(LineConverter.leadingTime("[2026-12-01 10:00:00,250+0530] x"))
                .isEqualTo("2026-12-01T04:30:00.250Z");
        assertThat(LineConverter.leadingTime("2026-13-01 10:00:00 x")).isNull();
        assertThat(LineConverter.leadingTime("at 2026-12-01 10:00:00")).isNull();
    }
}
