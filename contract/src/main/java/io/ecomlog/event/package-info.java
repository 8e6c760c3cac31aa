/**
 * The typed e-commerce and log event model. Start with {@link io.ecomlog.event.Events}: one factory per
 * {@link io.ecomlog.event.EventType}, returning a builder for the envelope of an immutable
 * {@link io.ecomlog.event.EcomEvent}. Values are records; money is {@link java.math.BigDecimal}; every string is
 * cleaned of invalid UTF-16 on the way in, so anything that builds can be encoded.
 */
package io.ecomlog.event;
