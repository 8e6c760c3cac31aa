package io.ecomlog.backend.lambda.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.alert.Alert;
import io.ecomlog.alert.AlertCodec;
import io.ecomlog.backend.lambda.orders.KinesisEvents;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.Events;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.Dynalite;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.Moto;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerter publishing to a real SNS implementation (moto) and what a subscriber receives: the topic delivers to
 * an SQS queue subscribed to it, and the message read from the queue carries the alert, its subject and the
 * {@code kind}/{@code severity} attributes subscribers filter on. (Faults of SNS: WireMock, in AlerterHandlerTest.)
 */
class AlerterSnsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private final Dynalite dynamo = Dynalite.shared();
    private final Moto moto = Moto.shared();

    @Test
    void aSubscriberReceivesTheAlertWithItsSubjectAndFilterAttributes() throws Exception {
        String table = LocalAws.uniqueName("alerts");
        dynamo.createTable(AlertTable.definition(table));
        try (var sns = moto.configure(SnsClient.builder()).build();
             var sqs = moto.configure(SqsClient.builder()).build()) {
            String topic = sns.createTopic(b -> b.name(LocalAws.uniqueName("alerts"))).topicArn();
            String queue = sqs.createQueue(b -> b.queueName(LocalAws.uniqueName("subscriber"))).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn));

            var handler = new AlerterHandler(new EnvConfig(Map.of("ALERTS_TABLE", table, "ALERT_TOPIC_ARN", topic)),
                    dynamo.client(), sns, Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC));
            var lines = new ByteArrayOutputStream();
            for (int i = 0; i < 5; i++) {
                lines.writeBytes(new EventCodec().encode(Events.loginFailed("password", "bad_password").userId("u1")
                        .client(new ClientInfo("203.0.113.7", "curl/8", null)).eventTime(T0.plusSeconds(i)).build()));
                lines.write('\n');
            }
            var response = handler.handleRequest(KinesisEvents.of(List.of(RecordCodec.gzip(lines.toByteArray()))),
                    null);
            assertThat(response.getBatchItemFailures()).isEmpty();

            var messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)).messages();
            assertThat(messages).hasSize(1);
            JsonNode notification = new ObjectMapper().readTree(messages.get(0).body());
            assertThat(notification.path("TopicArn").asText()).isEqualTo(topic);
            assertThat(notification.path("Subject").asText()).startsWith("[ecomlog] warning: failed_logins_user user u1");
            assertThat(notification.at("/MessageAttributes/kind/Value").asText()).isEqualTo("failed_logins_user");
            assertThat(notification.at("/MessageAttributes/severity/Value").asText()).isEqualTo("warning");
            String message = notification.path("Message").asText();
            var alert = new AlertCodec().decode(message.substring(message.lastIndexOf("\n{") + 1)
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(alert.kind()).isEqualTo(Alert.Kinds.FAILED_LOGINS_USER);
            assertThat(alert.key()).isEqualTo("u1");
            assertThat(alert.count()).isEqualTo(5);
        }
    }
}
