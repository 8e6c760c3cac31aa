/**
 * The wire format of events: {@link io.ecomlog.codec.EventCodec} turns an {@link io.ecomlog.event.EcomEvent} into
 * one line of flat, snake_case JSON and back, {@link io.ecomlog.codec.EventCodec#peek(byte[])} reads the routing
 * fields of any line cheaply, and {@link io.ecomlog.codec.JsonSchemaGenerator} derives the JSON Schema of the format
 * from the same model.
 */
package io.ecomlog.codec;
