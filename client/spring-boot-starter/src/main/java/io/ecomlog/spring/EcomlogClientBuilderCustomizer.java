package io.ecomlog.spring;

import io.ecomlog.pipeline.EcomlogClient;

/**
 * Beans of this type get the auto-configured {@link EcomlogClient.Builder} after the {@code ecomlog.*} properties
 * were applied and before it is built: for a custom destination or backup, say. Applied in {@code @Order} order.
 */
@FunctionalInterface
public interface EcomlogClientBuilderCustomizer {

    void customize(EcomlogClient.Builder builder);
}
