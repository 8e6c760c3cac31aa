package io.ecomlog.backend.lambda.alerts;

import io.ecomlog.alert.Alert;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.Locale;
import java.util.Map;

/**
 * Where the alerter's messages go: an SNS topic in AWS; the console and a file in local mode. Everything else the
 * alerter does (rules, de-duplication, cooldown, the alerts table) is the same code either way.
 */
@FunctionalInterface
public interface AlertNotifier {

    /**
     * Sends one message about {@code alert} and returns its message id. A failure throws: the alerter gives the
     * cooldown back and the record is retried, so the alert is not lost.
     */
    String send(Alert alert, String subject, String message);

    /** Publishes to the topic, with {@code kind} and {@code severity} as message attributes for filtering. */
    static AlertNotifier sns(SnsClient sns, String topicArn) {
        return (alert, subject, message) -> sns.publish(b -> b.topicArn(topicArn).subject(subject).message(message)
                        .messageAttributes(Map.of(
                                "kind", MessageAttributeValue.builder().dataType("String").stringValue(alert.kind())
                                        .build(),
                                "severity", MessageAttributeValue.builder().dataType("String")
                                        .stringValue(alert.severity().name().toLowerCase(Locale.ROOT)).build())))
                .messageId();
    }
}
