package io.ecomlog.backend.cdk;

import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sns.subscriptions.SmsSubscription;
import software.constructs.Construct;

import java.util.List;

/**
 * The two SNS topics: "alerts" (what the alerter finds in the shop's traffic: bots, surges, failed payments, for the
 * shop's people) and "ops" (the backend's own alarms, for whoever runs it). Encrypted with the data key, TLS only,
 * subscribed from context ({@code ecomlog:alertEmails}, {@code ecomlog:alertPhones}, {@code ecomlog:opsEmails}).
 */
final class Alerts extends Construct {

    private final Topic alerts;
    private final Topic ops;

    Alerts(Construct scope, String id, EcomlogConfig config, IKey key) {
        super(scope, id);
        alerts = topic("Alerts", config.prefix() + "-alerts", "ecomlog alerts", key);
        config.alertEmails().forEach(e -> alerts.addSubscription(new EmailSubscription(e)));
        config.alertPhones().forEach(p -> alerts.addSubscription(new SmsSubscription(p)));
        ops = topic("Ops", config.prefix() + "-ops", "ecomlog backend alarms", key);
        config.opsEmails().forEach(e -> ops.addSubscription(new EmailSubscription(e)));
    }

    private Topic topic(String id, String name, String displayName, IKey key) {
        return Topic.Builder.create(this, id)
                .topicName(name)
                .displayName(displayName)
                .masterKey(key)
                .enforceSsl(true)
                .build();
    }

    Topic alerts() {
        return alerts;
    }

    Topic ops() {
        return ops;
    }

    List<Topic> topics() {
        return List.of(alerts, ops);
    }
}
