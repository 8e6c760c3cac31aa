package io.ecomlog.backend.lambda.alerts;

import io.ecomlog.alert.Alert;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.deployment.FunctionEnvironments.Alerter;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.HttpAccess;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log-pattern rules the alerter evaluates on the event stream itself, each over tumbling event-time windows:
 * <ul>
 *   <li>failed-login bursts: at least {@code FAILED_LOGINS_PER_USER} (default 5) {@code login_failed} for one user,
 *       or {@code FAILED_LOGINS_PER_IP} (20) from one client IP, within {@code FAILED_LOGIN_WINDOW_SECONDS} (300);</li>
 *   <li>server errors: more than {@code HTTP_5XX_SHARE} (0.05) of the {@code http_access} requests in
 *       {@code HTTP_5XX_WINDOW_SECONDS} (60) answered 5xx, once at least {@code HTTP_5XX_MIN_REQUESTS} (50) were seen;</li>
 *   <li>payment failures: at least {@code PAYMENT_FAILURES_PER_MINUTE} (10) {@code transaction_failed} in a minute.</li>
 * </ul>
 * This class only groups a batch's events into window counts ({@link Tally}); {@link WindowCounters} adds them up
 * across invocations and tells when a threshold is crossed. Thresholds are validated at cold start.
 */
final class AlertRules {

    /** One rule's window count for one key in one batch. */
    record Tally(String kind, String keyType, String key, Instant windowStart, Instant windowEnd, long count,
                 long total, List<String> samples) {
    }

    final int failedLoginsPerUser;
    final int failedLoginsPerIp;
    final Duration failedLoginWindow;
    final BigDecimal http5xxShare;
    final int http5xxMinRequests;
    final Duration http5xxWindow;
    final int paymentFailuresPerMinute;

    AlertRules(EnvConfig env) {
        failedLoginsPerUser = Alerter.FAILED_LOGINS_PER_USER.read(env);
        failedLoginsPerIp = Alerter.FAILED_LOGINS_PER_IP.read(env);
        failedLoginWindow = Alerter.FAILED_LOGIN_WINDOW_SECONDS.read(env);
        http5xxShare = Alerter.HTTP_5XX_SHARE.read(env);
        http5xxMinRequests = Alerter.HTTP_5XX_MIN_REQUESTS.read(env);
        http5xxWindow = Alerter.HTTP_5XX_WINDOW_SECONDS.read(env);
        paymentFailuresPerMinute = Alerter.PAYMENT_FAILURES_PER_MINUTE.read(env);
    }

    /** The threshold of a count rule (the 5xx share rule is checked with {@link #sharePassed}). */
    long threshold(String kind) {
        return switch (kind) {
            case Alert.Kinds.FAILED_LOGINS_USER -> failedLoginsPerUser;
            case Alert.Kinds.FAILED_LOGINS_IP -> failedLoginsPerIp;
            case Alert.Kinds.PAYMENT_FAILURES -> paymentFailuresPerMinute;
            default -> throw new IllegalArgumentException("not a count rule: " + kind);
        };
    }

    boolean sharePassed(long errors, long total) {
        return total >= http5xxMinRequests
                && BigDecimal.valueOf(errors).compareTo(http5xxShare.multiply(BigDecimal.valueOf(total))) > 0;
    }

    /** The batch's events grouped by rule, key and window. */
    List<Tally> tally(List<EcomEvent> events) {
        var tallies = new LinkedHashMap<String, Builder>();
        for (var e : events) {
            if (e.eventType() == EventType.LOGIN_FAILED) {
                String user = e.userId() != null ? e.userId() : text(e.properties().get("username"));
                if (user != null) {
                    add(tallies, Alert.Kinds.FAILED_LOGINS_USER, "user", user, failedLoginWindow, e, true);
                }
                if (e.client() != null && e.client().ip() != null) {
                    add(tallies, Alert.Kinds.FAILED_LOGINS_IP, "ip", e.client().ip(), failedLoginWindow, e, true);
                }
            } else if (e.eventType() == EventType.TRANSACTION_FAILED) {
                add(tallies, Alert.Kinds.PAYMENT_FAILURES, "site", "all", Duration.ofMinutes(1), e, true);
            } else if (e.eventType() == EventType.HTTP_ACCESS) {
                Integer status = ((HttpAccess) e.payload()).status();
                add(tallies, Alert.Kinds.HTTP_5XX_SHARE, "site", "all", http5xxWindow, e,
                        status != null && status >= 500);
            }
        }
        return tallies.values().stream().map(Builder::build).toList();
    }

    private static void add(Map<String, Builder> tallies, String kind, String keyType, String key, Duration window,
                            EcomEvent e, boolean counted) {
        long size = window.toMillis();
        long start = Math.floorDiv(e.eventTime().toEpochMilli(), size) * size;
        var b = tallies.computeIfAbsent(kind + "\u0000" + key + "\u0000" + start,
                k -> new Builder(kind, keyType, key, Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + size)));
        b.total++;
        if (counted) {
            b.count++;
            if (b.samples.size() < Alert.MAX_SAMPLES) {
                b.samples.add(e.eventId().toString());
            }
        }
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static final class Builder {
        final String kind;
        final String keyType;
        final String key;
        final Instant start;
        final Instant end;
        long count;
        long total;
        final List<String> samples = new ArrayList<>();

        Builder(String kind, String keyType, String key, Instant start, Instant end) {
            this.kind = kind;
            this.keyType = keyType;
            this.key = key;
            this.start = start;
            this.end = end;
        }

        Tally build() {
            return new Tally(kind, keyType, key, start, end, count, total, List.copyOf(samples));
        }
    }
}
