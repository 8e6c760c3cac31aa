package io.ecomlog.spring;

import io.ecomlog.pipeline.EcomlogClient;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/** The {@code ecomlog} health indicator on Spring Boot 3; what it reports is {@link EcomlogHealthCheck}'s. */
public class EcomlogHealthIndicator implements HealthIndicator {

    /** The custom status for "delivering through the fall-back chain". */
    public static final Status DEGRADED = new Status("DEGRADED", "events are going to the S3 backup or disk spool");

    private final EcomlogHealthCheck check;

    public EcomlogHealthIndicator(EcomlogClient client, EcomlogProperties.Health settings) {
        this.check = new EcomlogHealthCheck(client, settings);
    }

    @Override
    public Health health() {
        var result = check.check();
        return Health.status(result.status()).withDetails(result.details()).build();
    }
}
