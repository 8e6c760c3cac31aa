package io.ecomlog.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.time.Duration;

/**
 * The circuit breaker each destination gets: it opens when at least half of the last calls failed as a whole (an
 * outage, not a throttled entry), sends everything to the fall-back chain while open, and lets one probe call through
 * after {@code openDuration}.
 */
public record BreakerSettings(int windowCalls, int minimumCalls, float failureRatePercent, Duration openDuration) {

    public static final BreakerSettings DEFAULT = new BreakerSettings(10, 4, 50f, Duration.ofSeconds(10));

    public BreakerSettings {
        if (minimumCalls < 1 || windowCalls < minimumCalls) {
            throw new IllegalArgumentException("circuit breaker needs 1 <= minimumCalls <= windowCalls, was "
                    + minimumCalls + " and " + windowCalls);
        }
        if (failureRatePercent <= 0 || failureRatePercent > 100) {
            throw new IllegalArgumentException("circuit breaker failure rate must be in (0, 100], was "
                    + failureRatePercent);
        }
    }

    public CircuitBreaker create(String destination) {
        var config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(windowCalls)
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(failureRatePercent)
                .waitDurationInOpenState(openDuration)
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
        return CircuitBreaker.of(destination, config);
    }
}
