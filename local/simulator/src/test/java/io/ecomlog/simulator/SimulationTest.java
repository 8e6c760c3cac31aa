package io.ecomlog.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.publicdata.PublicData;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.transport.LocalFolderStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class SimulationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SimulationSettings settings(long events, double rate) {
        return new SimulationSettings(events, rate, Duration.ofMinutes(5), 7,
                SimulationSettings.ReplayFiles.samples(PublicData.findDataDir()), 0, 1, 1, 1, "test-shop", true, false);
    }

    @Test
    void everyEventSentIsInTheLakeOnceByType(@TempDir Path dir) throws Exception {
        var lake = dir.resolve("lake");
        var s = settings(3_000, 1_000);
        var report = new Simulation(s, Target.local(lake), dir.resolve("spool")).run();

        assertThat(report.lost()).isZero();
        assertThat(report.closedInTime()).isTrue();
        // bursts are sent whole, so the run may end a burst past the limit
        assertThat(report.sent()).isBetween(3_000L,
                3_000L + Anomaly.BOT_VIEWS + s.surgeOrders() + Anomaly.FAILED_LOGINS);
        var inLake = new TreeMap<String, Long>();
        var ids = new HashSet<String>();
        var store = new LocalFolderStore(lake);
        for (var key : store.list("")) {
            for (byte[] line : RecordCodec.lines(store.get(key))) {
                var node = JSON.readTree(line);
                inLake.merge(node.path("event_type").asText(), 1L, Long::sum);
                assertThat(ids.add(node.path("event_id").asText())).as("event ids are unique").isTrue();
                assertThat(node.path("app").path("name").asText()).isIn("test-shop", "");
            }
        }
        assertThat(inLake).isEqualTo(report.sentByType());
        assertThat(report.sentByType()).containsKeys("product_viewed", "order_completed", "http_access",
                "login_failed", "login_succeeded");
    }

    @Test
    void injectsEachAnomalyWithTheAlertsItMustRaise(@TempDir Path dir) throws Exception {
        var s = settings(2_000, 1_000);
        var report = new Simulation(s, Target.local(dir.resolve("lake")), dir.resolve("spool")).run();

        assertThat(report.expectedAlerts()).extracting(Object::toString).containsExactly(
                "bot_user bot-1", "bot_ip 198.51.100.2", "order_surge test-shop", "failed_logins_user victim-1");
        assertThat(report.bySource()).containsEntry("anomalies",
                (long) Anomaly.BOT_VIEWS + s.surgeOrders() + Anomaly.FAILED_LOGINS);
        assertThat(report.orders().values()).filteredOn(o -> o.orderId().startsWith("surge-o-1-"))
                .hasSize(s.surgeOrders());
    }

    @Test
    void theSameSeedGivesTheSameTraffic(@TempDir Path dir) throws Exception {
        var first = new Simulation(settings(1_500, 10_000), Target.local(dir.resolve("a")), dir.resolve("sa")).run();
        var second = new Simulation(settings(1_500, 10_000), Target.local(dir.resolve("b")), dir.resolve("sb")).run();

        assertThat(second.sentByType()).isEqualTo(first.sentByType());
        assertThat(second.orders().keySet()).isEqualTo(first.orders().keySet());
    }

    @Test
    void theReplayIsSpreadOverTheRunAndUnusableRowsAreCounted(@TempDir Path dir) throws Exception {
        var data = dir.resolve("data");
        Files.createDirectories(data.resolve("rees46"));
        Files.writeString(data.resolve("rees46/2019-Oct-sample.csv"), """
                event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
                2019-10-01 00:00:00 UTC,view,1,10,electronics.phone,acme,100.00,5,s1
                2019-10-01T00:00:01+02:00,cart,1,10,electronics.phone,acme,100.00,5.0,s1
                not a time,view,1,10,,acme,100.00,5,s1
                2019-10-01 00:00:02 UTC,purchase,1,10,electronics.phone,acme,100.00,5,s1
                2019-10-01 00:00:03 UTC,view,,10,,acme,100.00,5,s1
                """);
        var s = new SimulationSettings(400, 10_000, Duration.ofMinutes(1), 1,
                SimulationSettings.ReplayFiles.samples(data), 0, 0, 0, 0, "shop", true, false);
        var report = new Simulation(s, Target.local(dir.resolve("lake")), dir.resolve("spool")).run();

        assertThat(report.rejectedRows()).containsOnly(entry("rees46: unreadable event_time", 1L),
                entry("rees46: missing product_id", 1L));
        assertThat(report.bySource()).containsEntry("replay", 3L);
        assertThat(report.orders()).containsKey("rees46-s1-1-" + java.time.Instant.parse("2019-10-01T00:00:02Z")
                .getEpochSecond());
        assertThat(report.sent()).isEqualTo(400);
    }

    @Test
    void replayRowsBoundWhatIsReadOfEachFileWithOrWithoutAHeader(@TempDir Path dir) throws Exception {
        var s = new SimulationSettings(50, 10_000, Duration.ofMinutes(1), 1,
                SimulationSettings.ReplayFiles.samples(PublicData.findDataDir()), 10, 0, 0, 0, "shop", true, false);
        var report = new Simulation(s, Target.local(dir.resolve("lake")), dir.resolve("spool")).run();

        assertThat(report.replayParses()).extracting(p -> p.source() + " " + p.rows())
                .containsExactly("rees46 10", "online-retail 10", "apache 10");
    }

    @Test
    void aBackfillReplaysEveryEventOfTheFilesAtItsOriginalTimeAndNothingElse(@TempDir Path dir) throws Exception {
        var lake = dir.resolve("lake");
        var s = new SimulationSettings(0, 1_000_000, Duration.ofMinutes(5), 1,
                SimulationSettings.ReplayFiles.samples(PublicData.findDataDir()), 0, 1, 1, 1, "shop", true, true);
        var report = new Simulation(s, Target.local(lake), dir.resolve("spool")).run();

        var parsedTimes = new TreeMap<String, Long>();
        report.replayParses().forEach(p -> p.events().forEach(e -> parsedTimes.merge(e.eventTime().toString(), 1L,
                Long::sum)));
        long parsed = parsedTimes.values().stream().mapToLong(Long::longValue).sum();
        assertThat(report.sent()).isEqualTo(parsed);
        assertThat(report.bySource()).containsOnlyKeys("replay");
        assertThat(report.expectedAlerts()).isEmpty();
        assertThat(report.replayed()).containsOnly(entry("rees46", 1_000L), entry("online-retail", 67L),
                entry("apache", 5_000L));

        var lakeTimes = new TreeMap<String, Long>();
        var store = new LocalFolderStore(lake);
        var months = new java.util.TreeSet<String>();
        for (var key : store.list("")) {
            var partition = java.util.regex.Pattern.compile("year=(\\d{4})/month=(\\d{2})").matcher(key);
            assertThat(partition.find()).as(key).isTrue();
            months.add(partition.group(1) + "-" + partition.group(2));
            for (byte[] line : RecordCodec.lines(store.get(key))) {
                var node = JSON.readTree(line);
                lakeTimes.merge(java.time.Instant.parse(node.path("event_time").asText()).toString(), 1L, Long::sum);
                assertThat(node.path("sent_at").asText()).isNotEmpty();
            }
        }
        assertThat(lakeTimes).isEqualTo(parsedTimes);
        // the samples' own months: Online Retail in December 2010, the access log in May 2015, REES46 in October 2019
        assertThat(months).containsExactly("2010-12", "2015-05", "2019-10");
    }

    @Test
    void aBackfillCannotGoWithoutTheReplay() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SimulationSettings(0, 10, Duration.ofMinutes(1),
                1, SimulationSettings.ReplayFiles.none(), 0, 0, 0, 0, "shop", false, true))
                .hasMessageContaining("--keep-time");
    }

    @Test
    void durationsReadTheUsualWays() {
        assertThat(Map.of("60s", SimulatorCli.parseDuration("60s"), "5m", SimulatorCli.parseDuration("5m"),
                "PT1M", SimulatorCli.parseDuration("PT1M"), "500ms", SimulatorCli.parseDuration("500ms")))
                .containsOnly(entry("60s", Duration.ofSeconds(60)), entry("5m", Duration.ofMinutes(5)),
                        entry("PT1M", Duration.ofMinutes(1)), entry("500ms", Duration.ofMillis(500)));
    }
}
