package io.ecomlog.backend.lambda;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.Map;

/**
 * A function's counters as CloudWatch metrics in embedded metric format (Powertools for AWS Lambda): written to
 * standard output with the invocation's logs, so counting costs no API call. Namespace {@code ecomlog} (or
 * {@code POWERTOOLS_METRICS_NAMESPACE}), dimension {@code function}. Outside Lambda, set
 * {@code AWS_EMF_ENVIRONMENT=Local} so the EMF library does not probe for a CloudWatch agent.
 */
public final class FunctionMetrics {

    private final Metrics metrics;

    public FunctionMetrics(String function) {
        this.metrics = MetricsFactory.getMetricsInstance();
        String namespace = System.getenv("POWERTOOLS_METRICS_NAMESPACE");
        metrics.setNamespace(namespace == null || namespace.isBlank() ? "ecomlog" : namespace);
        metrics.setDefaultDimensions(DimensionSet.of("function", function));
    }

    public void count(String name, long value) {
        if (value != 0) {
            metrics.addMetric(name, value, MetricUnit.COUNT);
        }
    }

    /** Counts by reason as {@code <prefix>.<reason>} metrics (reasons are short stable labels). */
    public void countByReason(String prefix, Map<String, Long> byReason) {
        byReason.forEach((reason, n) -> count(prefix + "." + reason.replaceAll("[^A-Za-z0-9]+", "_"), n));
    }

    /** Writes what was counted since the last flush (one EMF log line); nothing when nothing was counted. */
    public void flush() {
        metrics.flush();
    }
}
