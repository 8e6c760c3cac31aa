package io.ecomlog.shipper;

import io.ecomlog.event.EventType;
import io.ecomlog.pipeline.PartitionKeyStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.ecomlog.shipper.ShipperFixtures.appendText;
import static io.ecomlog.shipper.ShipperFixtures.lakeEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** agent.json as the AWS guides show it, and the shipper's own YAML and JSON. */
class ConfigReadersTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsAnAgentJsonAsTheAwsGuidesShowIt() throws Exception {
        var agent = write("agent.json", """
                {
                  "cloudwatch.emitMetrics": true,
                  "kinesis.endpoint": "https://kinesis.us-west-2.amazonaws.com",
                  "firehose.endpoint": "firehose.us-west-2.amazonaws.com",
                  "checkpointFile": "/var/run/ecomlog-ship/checkpoints.json",
                  "flows": [
                    {
                      "filePattern": "/var/log/httpd/access_log*",
                      "kinesisStream": "shop-access",
                      "partitionKeyOption": "RANDOM",
                      "initialPosition": "START_OF_FILE",
                      "maxBufferAgeMillis": 5000,
                      "dataProcessingOptions": [
                        { "optionName": "LOGTOJSON", "logFormat": "COMBINEDAPACHELOG" }
                      ]
                    },
                    {
                      "filePattern": "/var/log/app/app.log*",
                      "deliveryStream": "shop-app-logs",
                      "multiLineStartPattern": "^\\\\d{4}-",
                      "dataProcessingOptions": [ { "optionName": "SINGLELINE" } ]
                    }
                  ]
                }
                """);
        var config = AgentConfigReader.read(agent);

        assertThat(config.region()).isEqualTo("us-west-2");
        assertThat(config.kinesisEndpoint()).isNull(); // a regional endpoint is the region's default
        assertThat(config.checkpointFile()).isEqualTo(Path.of("/var/run/ecomlog-ship/checkpoints.json"));
        var access = config.flows().get(0);
        assertThat(access.target()).isEqualTo(Target.kinesis("shop-access"));
        assertThat(access.format()).isEqualTo(LineFormat.ACCESS_LOG);
        assertThat(access.initialPosition()).isEqualTo(InitialPosition.START_OF_FILE);
        assertThat(access.maxBufferAge()).isEqualTo(Duration.ofSeconds(5));
        assertThat(access.partitionKey()).isEqualTo(PartitionKeyStrategy.RANDOM);
        var app = config.flows().get(1);
        assertThat(app.target()).isEqualTo(Target.firehose("shop-app-logs"));
        assertThat(app.format()).isEqualTo(LineFormat.AUTO);
        assertThat(app.initialPosition()).as("the agent's default").isEqualTo(InitialPosition.END_OF_FILE);
        assertThat(app.maxBufferAge()).as("the agent's default").isEqualTo(Duration.ofSeconds(60));
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.warnings()).hasSize(3).anySatisfy(w -> assertThat(w).contains("cloudwatch.emitMetrics"))
                .anySatisfy(w -> assertThat(w).contains("flows[1].multiLineStartPattern"))
                .anySatisfy(w -> assertThat(w).contains("flows[1].dataProcessingOptions[0]", "SINGLELINE"));
    }

    @Test
    void aLocalEndpointIsAnOverride() throws Exception {
        var agent = write("agent.json", """
                {"kinesis.endpoint": "http://127.0.0.1:4567",
                 "flows": [{"filePattern": "/tmp/x.log", "kinesisStream": "s"}]}
                """);
        var config = AgentConfigReader.read(agent);
        assertThat(config.kinesisEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4567"));
        assertThat(config.region()).isNull();
    }

    @Test
    void invalidAgentSettingsAreErrorsThatNameTheSetting() throws Exception {
        assertAgentError("""
                {"flows": [{"filePattern": "/tmp/x.log", "kinesisStream": "s", "initialPosition": "MIDDLE"}]}""",
                "flows[0].initialPosition", "MIDDLE");
        assertAgentError("""
                {"flows": [{"filePattern": "/tmp/x.log", "kinesisStream": "s", "deliveryStream": "d"}]}""",
                "flows[0]", "exactly one of kinesisStream and deliveryStream");
        assertAgentError("""
                {"flows": [{"filePattern": "/tmp/x.log", "kinesisStream": "s", "maxBufferAgeMillis": 10}]}""",
                "flows[0].maxBufferAgeMillis", "10");
        assertAgentError("""
                {"flows": [{"filePattern": "/tmp/x.log", "kinesisStream": "s",
                  "dataProcessingOptions": [{"optionName": "LOGTOJSON", "logFormat": "W3C"}]}]}""",
                "flows[0].dataProcessingOptions[0].logFormat", "W3C");
        assertAgentError("""
                {"flows": [{"kinesisStream": "s"}]}""", "flows[0].filePattern");
        assertAgentError("{\"flows\": []}", "flows");
        assertAgentError("{\"flows\": [", "not valid JSON");
    }

    private void assertAgentError(String json, String... parts) throws Exception {
        var file = write("bad-agent.json", json);
        assertThatThrownBy(() -> AgentConfigReader.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContainingAll(parts);
    }

    @Test
    void readsItsOwnYamlAndJson() throws Exception {
        var yml = write("ship.yml", """
                checkpointFile: /var/lib/ecomlog-ship/checkpoints.json
                spoolDirectory: /var/lib/ecomlog-ship/spool
                lake: /srv/lake
                region: eu-central-1
                firehoseEndpoint: http://127.0.0.1:4573
                maxLineBytes: 65536
                statusIntervalSeconds: 10
                flows:
                  - filePattern: /var/log/nginx/access.log*
                    format: ACCESS_LOG
                    kinesisStream: shop-access
                    partitionKey: SESSION
                  - filePattern: /var/log/app/*.json
                    deliveryStream: app-logs
                    initialPosition: END_OF_FILE
                  - filePattern: /var/log/cron.log
                """);
        var config = ShipConfigReader.read(yml);
        assertThat(config.region()).isEqualTo("eu-central-1");
        assertThat(config.firehoseEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4573"));
        assertThat(config.spoolDirectory()).isEqualTo(Path.of("/var/lib/ecomlog-ship/spool"));
        assertThat(config.maxLineBytes()).isEqualTo(65536);
        assertThat(config.statusInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.flows()).extracting(FlowConfig::target).containsExactly(Target.kinesis("shop-access"),
                Target.firehose("app-logs"), Target.lake(Path.of("/srv/lake")));
        assertThat(config.flows()).extracting(FlowConfig::format)
                .containsExactly(LineFormat.ACCESS_LOG, LineFormat.AUTO, LineFormat.AUTO);
        assertThat(config.flows()).extracting(FlowConfig::initialPosition).containsExactly(
                InitialPosition.START_OF_FILE, InitialPosition.END_OF_FILE, InitialPosition.START_OF_FILE);
        assertThat(config.flows().get(0).partitionKey()).isEqualTo(PartitionKeyStrategy.SESSION);

        var json = write("ship.json", """
                {"lake": "/srv/lake", "flows": [{"filePattern": "/var/log/a.log", "format": "AUTO"}]}""");
        assertThat(ShipConfigReader.read(json).flows()).singleElement()
                .satisfies(f -> assertThat(f.target()).isEqualTo(Target.lake(Path.of("/srv/lake"))));
    }

    @Test
    void lingerReadsTheClientsDurations() throws Exception {
        var yml = write("linger.yml", """
                flows:
                  - filePattern: /var/log/a.log
                    linger: 750ms
                  - filePattern: /var/log/b.log
                    linger: 2 seconds
                """);
        assertThat(ShipConfigReader.read(yml).flows()).extracting(FlowConfig::maxBufferAge)
                .containsExactly(Duration.ofMillis(750), Duration.ofSeconds(2));
        var both = write("both.yml", """
                flows:
                  - filePattern: /var/log/a.log
                    linger: 1s
                    maxBufferAgeMillis: 1000
                """);
        assertThatThrownBy(() -> ShipConfigReader.read(both)).hasMessageContaining("flows[0]: set linger or");
        var bad = write("bad.yml", """
                flows:
                  - filePattern: /var/log/a.log
                    linger: soon
                """);
        assertThatThrownBy(() -> ShipConfigReader.read(bad)).hasMessageContaining("flows[0].linger");
    }

    @Test
    void clientSettingsByTheirOneName() throws Exception {
        var yml = write("client.yml", """
                client:
                  batchBytes: 1MB
                  replaySharePercent: "30"
                  retryMaxBackoff: 10s
                flows:
                  - filePattern: /var/log/a.log
                """);
        assertThat(ShipConfigReader.read(yml).client()).containsEntry("batchBytes", "1MB")
                .containsEntry("replaySharePercent", "30").containsEntry("retryMaxBackoff", "10s");
        var owned = write("owned.yml", """
                client:
                  overflowPolicy: DROP_NEWEST
                flows:
                  - filePattern: /var/log/a.log
                """);
        assertThatThrownBy(() -> ShipConfigReader.read(owned)).hasMessageContaining("client.overflowPolicy is the"
                + " shipper's own");
        var wrong = write("wrong-client.yml", """
                client:
                  replaySharePercent: "95"
                flows:
                  - filePattern: /var/log/a.log
                """);
        assertThatThrownBy(() -> ShipConfigReader.read(wrong))
                .hasMessageContaining("replaySharePercent must be between 1 and 90, was 95");
    }

    @Test
    void ownConfigErrorsNameTheSetting() throws Exception {
        var unknown = write("unknown.yml", """
                flows:
                  - filePattern: /var/log/a.log
                    fromat: ACCESS_LOG
                """);
        assertThatThrownBy(() -> ShipConfigReader.read(unknown)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("flows[0].fromat");
        var wrongValue = write("wrong.yml", """
                flows:
                  - filePattern: /var/log/a.log
                    initialPosition: BEGINNING
                """);
        assertThatThrownBy(() -> ShipConfigReader.read(wrongValue)).isInstanceOf(ConfigException.class)
                .hasMessageContainingAll("flows[0].initialPosition", "BEGINNING");
        var twoTargets = write("two.yml", """
                flows:
                  - filePattern: /var/log/a.log
                    kinesisStream: a
                    deliveryStream: b
                """);
        assertThatThrownBy(() -> ShipConfigReader.read(twoTargets)).hasMessageContaining("flows[0]");
    }

    @Test
    void theCommandShipsAnAgentJsonToALakeOnce() throws Exception {
        var log = dir.resolve("access_log");
        appendText(log, """
                198.51.100.4 - - [10/Oct/2026:13:55:36 +0000] "GET /search?q=shoes HTTP/1.1" 200 512 "-" "curl/8"
                nonsense
                """);
        var agent = write("agent.json", """
                {"checkpointFile": "%s",
                 "flows": [{"filePattern": "%s", "deliveryStream": "d", "initialPosition": "START_OF_FILE",
                   "dataProcessingOptions": [{"optionName": "LOGTOJSON", "logFormat": "COMMONAPACHELOG"}]}]}
                """.formatted(dir.resolve("cp.json"), log));
        var lake = dir.resolve("lake");
        int code = new CommandLine(new ShipperCommand()).execute("--agent-config", agent.toString(),
                "--lake", lake.toString(), "--once");
        assertThat(code).isZero();
        assertThat(lakeEvents(lake)).singleElement()
                .satisfies(e -> assertThat(e.eventType()).isEqualTo(EventType.HTTP_ACCESS));

        var bad = write("bad.json", "{\"flows\": [{\"filePattern\": \"/x\"}]}");
        assertThat(new CommandLine(new ShipperCommand()).execute("--agent-config", bad.toString(), "--once"))
                .isEqualTo(ShipperCommand.CONFIG_ERROR);
    }
}
