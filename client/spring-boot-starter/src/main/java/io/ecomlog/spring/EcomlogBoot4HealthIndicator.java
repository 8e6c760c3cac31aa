package io.ecomlog.spring;

import io.ecomlog.pipeline.EcomlogClient;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code ecomlog} health indicator on Spring Boot 4, whose health API moved to
 * {@code org.springframework.boot.health.contributor}; what it reports is {@link EcomlogHealthCheck}'s.
 */
public class EcomlogBoot4HealthIndicator implements HealthIndicator {

    private final EcomlogHealthCheck check;

    public EcomlogBoot4HealthIndicator(EcomlogClient client, EcomlogProperties.Health settings) {
        this.check = new EcomlogHealthCheck(client, settings);
    }

    @Override
    public Health health() {
        var result = check.check();
        return Health.status(result.status()).withDetails(result.details()).build();
    }
}
