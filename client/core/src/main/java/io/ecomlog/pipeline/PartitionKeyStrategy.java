package io.ecomlog.pipeline;

/**
 * How an event's Kinesis partition key is chosen; ordering is promised among events of the same key only. Each
 * strategy falls back to the next identifier the event has when its own is absent, and to random last.
 */
public enum PartitionKeyStrategy {
    /** Session id, then user id, then anonymous id: a visit's events stay in order. */
    SESSION,
    /** User id, then anonymous id, then session id: a customer's events stay in order. */
    USER,
    /** Order id, then session id, then user id: an order's events stay in order. */
    ORDER,
    /** No ordering; spreads load evenly and packs best. */
    RANDOM
}
