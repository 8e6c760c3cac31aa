package io.ecomlog.backend.lambda.alerts;

import io.ecomlog.alert.Alert;
import io.ecomlog.alert.AlertCodec;
import io.ecomlog.backend.lambda.orders.KinesisEvents;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.deployment.ConfigException;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.FailureReason;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.kpi.KpiCodec;
import io.ecomlog.kpi.SalesKpi;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.Dynalite;
import io.ecomlog.testing.LocalAws;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alerter against dynalite and an SNS stub: rules, de-duplication, cooldown, faults. */
class AlerterHandlerTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private final Dynalite dynamo = Dynalite.shared();
    private final SnsStub sns = new SnsStub();
    private final EventCodec codec = new EventCodec();
    private final String table = LocalAws.uniqueName("alerts");
    private final MutableClock clock = new MutableClock(T0.plusSeconds(600));

    AlerterHandlerTest() {
        dynamo.createTable(AlertTable.definition(table));
    }

    @AfterEach
    void stop() {
        sns.close();
    }

    private AlerterHandler handler(Map<String, String> settings) {
        var env = new HashMap<>(Map.of("ALERTS_TABLE", table, "ALERT_TOPIC_ARN", SnsStub.TOPIC));
        env.putAll(settings);
        return new AlerterHandler(new EnvConfig(env), dynamo.client(), sns.client(), clock);
    }

    @Test
    void aFailedLoginBurstPerUserAndPerIpAcrossInvocationsRaisesOneAlertEach() {
        var handler = handler(Map.of());
        // 4 then 2 failures for u1 from one IP, in one 5-minute window, split over two invocations
        handler.handleRequest(batch(failedLogins("u1", "203.0.113.7", 4, 0)), null);
        assertThat(sns.published()).isEmpty();
        handler.handleRequest(batch(failedLogins("u1", "203.0.113.7", 2, 10)), null);

        var messages = sns.published();
        assertThat(messages).hasSize(1);
        var alert = alertIn(messages.get(0));
        assertThat(alert.kind()).isEqualTo(Alert.Kinds.FAILED_LOGINS_USER);
        assertThat(alert.key()).isEqualTo("u1");
        assertThat(alert.count()).isEqualTo(6); // the count when the second invocation took it past 5
        assertThat(alert.windowStart()).isEqualTo(T0);
        assertThat(alert.windowEnd()).isEqualTo(T0.plusSeconds(300));
        assertThat(messages.get(0)).containsEntry("TopicArn", SnsStub.TOPIC);
        assertThat(messageAttribute(messages.get(0), "kind")).isEqualTo("failed_logins_user");
        assertThat(messageAttribute(messages.get(0), "severity")).isEqualTo("warning");
        assertThat(messages.get(0).get("Subject")).startsWith("[ecomlog] warning: failed_logins_user user u1");

        // 20 failures from one IP for many users: the IP rule
        handler.handleRequest(batch(failedLoginsFromManyUsers("198.51.100.4", 20)), null);
        assertThat(sns.published()).extracting(m -> alertIn(m).kind())
                .containsExactly(Alert.Kinds.FAILED_LOGINS_USER, Alert.Kinds.FAILED_LOGINS_IP);
        assertThat(item("alert#" + alert.alertId()).get("outcome").s()).isEqualTo("PUBLISHED");
    }

    @Test
    void theServerErrorShareNeedsEnoughRequestsAndMoreThanTheThreshold() {
        var handler = handler(Map.of());
        handler.handleRequest(batch(requests(100, 5, 0)), null); // exactly 5 %: not more than the threshold
        assertThat(sns.published()).isEmpty();
        handler.handleRequest(batch(requests(30, 20, 70)), null); // a later minute: only 30 requests
        assertThat(sns.published()).isEmpty();
        handler.handleRequest(batch(requests(100, 10, 130)), null); // 10 %

        var alert = alertIn(sns.published().get(0));
        assertThat(alert.kind()).isEqualTo(Alert.Kinds.HTTP_5XX_SHARE);
        assertThat(alert.value()).isEqualByComparingTo("0.1");
        assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
        assertThat(alert.sampleEventIds()).hasSize(5);
    }

    @Test
    void paymentFailuresPerMinute() {
        var handler = handler(Map.of("PAYMENT_FAILURES_PER_MINUTE", "3"));
        var failures = new ArrayList<EcomEvent>();
        for (int i = 0; i < 3; i++) {
            failures.add(Events.transactionFailed("O-" + i, FailureReason.PAYMENT_DECLINED)
                    .eventTime(T0.plusSeconds(i)).build());
        }
        handler.handleRequest(batch(failures), null);
        assertThat(sns.published()).extracting(m -> alertIn(m).kind()).containsExactly(Alert.Kinds.PAYMENT_FAILURES);
    }

    @Test
    void flinkAlertsArePublishedOnceHoweverOftenTheyAreDelivered() {
        var handler = handler(Map.of());
        var alerts = new AlertCodec();
        var bot = Alert.of(Alert.Kinds.BOT_USER, "user", "u-bot", 11, BigDecimal.TEN, null, T0, T0.plusSeconds(10),
                T0.plusSeconds(11), Alert.Severity.WARNING, "flink:bot-detection", "11 actions in 10 s", List.of("e1"));
        byte[] record = RecordCodec.gzip((alerts.encodeToString(bot) + "\n").getBytes(StandardCharsets.UTF_8));

        handler.handleRequest(KinesisEvents.of(List.of(record)), null);
        handler.handleRequest(KinesisEvents.of(List.of(record)), null); // redelivered

        assertThat(sns.published()).hasSize(1);
        assertThat(alertIn(sns.published().get(0))).isEqualTo(bot);
    }

    @Test
    void aCooldownHoldsBackRepeatsAndTheNextMessageSaysHowMany() {
        var handler = handler(Map.of("ALERT_COOLDOWN_SECONDS", "900", "FAILED_LOGIN_WINDOW_SECONDS", "60"));
        // bursts in three consecutive minutes: the first is published, the next two fall in the cooldown
        for (int minute = 0; minute < 3; minute++) {
            handler.handleRequest(batch(failedLogins("u9", null, 5, minute * 60)), null);
        }
        assertThat(sns.published()).hasSize(1);
        assertThat(item("cooldown#failed_logins_user#user#u9").get("suppressed").n()).isEqualTo("2");

        clock.advance(Duration.ofMinutes(16));
        handler.handleRequest(batch(failedLogins("u9", null, 5, 20 * 60)), null);

        var messages = sns.published();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).get("Message")).contains("held back during the cooldown: 2 more alerts");
    }

    @Test
    void snsFailuresAreRetriedThenTheRecordFailsAndItsRetryPublishes() {
        var handler = handler(Map.of());
        sns.failAll();
        var input = batch(failedLogins("u5", null, 5, 0));

        var response = handler.handleRequest(input, null);

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(sns.attempts()).isEqualTo(3); // the SDK's standard retries
        assertThat(sns.published()).isEmpty();

        sns.answerOk();
        // Lambda retries the record: the failed publish gave its cooldown back and left no alert item, so the retry
        // raises and publishes it
        var retry = handler.handleRequest(input, null);
        assertThat(retry.getBatchItemFailures()).isEmpty();
        assertThat(sns.published()).hasSize(1);
    }

    @Test
    void badLinesAreCountedAndTheGoodOnesBesideThemStillCount() {
        var handler = handler(Map.of("FAILED_LOGINS_PER_USER", "2"));
        var out = new ByteArrayOutputStream();
        for (var e : failedLogins("u7", null, 2, 0)) {
            out.writeBytes(codec.encode(e));
            out.write('\n');
            out.writeBytes("{\"kind\":\"bot_user\"}\n{oops\n\u0000\n".getBytes(StandardCharsets.UTF_8));
        }
        // the Flink KPI job's figures share the alerts stream: passed over, not rejected
        out.writeBytes(new KpiCodec().encode(new SalesKpi("shop", T0, T0.plusSeconds(60), 1, null, 1, null, 1, 1, 3)));
        out.write('\n');
        var stdout = System.out;
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            var response = handler.handleRequest(KinesisEvents.of(List.of(out.toByteArray(),
                    new byte[] {0x1f, (byte) 0x8b, 1, 2})), null);
            assertThat(response.getBatchItemFailures()).isEmpty();
        } finally {
            System.setOut(stdout);
        }
        assertThat(sns.published()).hasSize(1);
        String logs = captured.toString(StandardCharsets.UTF_8);
        // the EMF line (CloudWatch metrics) and the structured log both count what happened
        assertThat(logs).contains("\"_aws\"").contains("\"alerts_published\":1.0")
                .contains("\"rejected.invalid_alert\":2.0");
        assertThat(logs).contains("\"rejected\":{\"broken gzip\":1,\"invalid alert\":2,\"not JSON\":4}")
                .contains("\"kpi_records_passed_over\":1");
    }

    @Test
    void settingsAreValidatedAtColdStartNamingTheVariable() {
        assertThatThrownBy(() -> handler(Map.of("FAILED_LOGINS_PER_USER", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FAILED_LOGINS_PER_USER");
        assertThatThrownBy(() -> handler(Map.of("HTTP_5XX_SHARE", "half")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HTTP_5XX_SHARE");
        assertThatThrownBy(() -> handler(Map.of("ALERT_TOPIC_ARN", "my-topic")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ALERT_TOPIC_ARN");
    }

    // ---- helpers ----

    private com.amazonaws.services.lambda.runtime.events.KinesisEvent batch(List<EcomEvent> events) {
        var out = new ByteArrayOutputStream();
        for (var e : events) {
            out.writeBytes(codec.encode(e));
            out.write('\n');
        }
        return KinesisEvents.of(List.of(RecordCodec.gzip(out.toByteArray())));
    }

    private static List<EcomEvent> failedLogins(String user, String ip, int n, int secondsAfterT0) {
        var events = new ArrayList<EcomEvent>();
        for (int i = 0; i < n; i++) {
            var b = Events.loginFailed("password", "bad_password").userId(user)
                    .eventTime(T0.plusSeconds(secondsAfterT0 + i));
            if (ip != null) {
                b.client(new ClientInfo(ip, "curl/8", null));
            }
            events.add(b.build());
        }
        return events;
    }

    private static List<EcomEvent> failedLoginsFromManyUsers(String ip, int n) {
        var events = new ArrayList<EcomEvent>();
        for (int i = 0; i < n; i++) {
            events.add(Events.loginFailed("password", "bad_password").userId("victim-" + i)
                    .client(new ClientInfo(ip, "hydra", null)).eventTime(T0.plusSeconds(i)).build());
        }
        return events;
    }

    private static List<EcomEvent> requests(int n, int errors, int secondsAfterT0) {
        var events = new ArrayList<EcomEvent>();
        for (int i = 0; i < n; i++) {
            events.add(Events.httpAccess(HttpAccess.builder("GET", "/checkout", i < errors ? 502 : 200).build())
                    .eventTime(T0.plusSeconds(secondsAfterT0).plusMillis(i)).build());
        }
        return events;
    }

    /** The value of a message attribute in a decoded Publish (attributes come as numbered entries, any order). */
    private static String messageAttribute(Map<String, String> publish, String name) {
        for (int i = 1; publish.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            if (name.equals(publish.get("MessageAttributes.entry." + i + ".Name"))) {
                return publish.get("MessageAttributes.entry." + i + ".Value.StringValue");
            }
        }
        return null;
    }

    private static Alert alertIn(Map<String, String> publish) {
        String message = publish.get("Message");
        String json = message.substring(message.lastIndexOf("\n{") + 1);
        return new AlertCodec().decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, AttributeValue> item(String pk) {
        return dynamo.client().getItem(b -> b.tableName(table).key(Map.of(AlertTable.PK, AttributeValue.fromS(pk))))
                .item();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
