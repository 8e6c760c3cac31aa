package io.ecomlog.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.ecomlog.event.EcomEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Encodes events to their wire form and back: one flat JSON object per event, UTF-8, on a single line (control
 * characters inside values are escaped, so the output never contains a raw CR or LF and can be framed as NDJSON).
 * Field names are snake_case; absent values and empty lists and maps are left out; times are ISO-8601 UTC with
 * milliseconds; money is a decimal string.
 *
 * <p>Thread-safe and meant to be shared: create one per application. The mapping from the model to JSON is derived
 * once, in the constructor, from the model's records; encoding then uses Jackson's streaming generator without
 * reflection lookups. Decoding keeps fields it does not know (a newer
 * schema version's) in {@link EcomEvent#unknownFields()} and writes them back, so older readers pass newer lines on
 * unchanged.
 *
 * <pre>{@code
 * EventCodec codec = new EventCodec();
 * byte[] line = codec.encode(event, Instant.now());   // with sent_at
 * EcomEvent back = codec.decode(line);                 // MalformedEventException on a bad line
 * EventHeader header = codec.peek(line);               // ids and time only, fast
 * }</pre>
 */
public final class EventCodec {

    /*
     * Jackson compatibility: ecomlog runs on whatever Jackson 2 (2.15 or newer) the application brings, and uses only
     * jackson-core's streaming API and databind features present since 2.15. We chose this over shading a relocated
     * copy of Jackson into core (as the AWS SDK v2 does): the event model carries Jackson annotations the backend
     * reads with its own ObjectMapper, a shaded copy would add ~2 MB to every application, and the one newer feature
     * we like is optional. The tests run the appenders and the starter against Jackson 2.15 and 2.17
     * (module ecomlog-jackson-compat-tests).
     */

    /**
     * Emoji and other supplementary characters as 4 UTF-8 bytes rather than a pair of {@code \\u} escapes: both are
     * valid JSON and decode to the same text. The feature exists from Jackson 2.18 on; looked up by name, because
     * naming the constant makes an older jackson-core fail with NoSuchFieldError when this class loads.
     */
    private static final Optional<JsonWriteFeature> COMBINE_SURROGATES = Arrays.stream(JsonWriteFeature.values())
            .filter(f -> f.name().equals("COMBINE_UNICODE_SURROGATES_IN_UTF8"))
            .findFirst();

    private final JsonFactory factory;
    private final EventWriter writer;
    private final EventReader reader;

    /** A codec with the model's mapping; the first one in a JVM reflects over the model (a few milliseconds). */
    public EventCodec() {
        var builder = JsonFactory.builder()
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE);
        COMBINE_SURROGATES.ifPresent(builder::enable);
        this.factory = builder.build();
        var model = EventModel.shared();
        this.writer = new EventWriter(model);
        this.reader = new EventReader(factory, model);
    }

    /** The event as one line of UTF-8 JSON, with {@code sent_at} only if the event has one. */
    public byte[] encode(EcomEvent event) {
        return encode(event, event.sentAt());
    }

    /** The event as one line of UTF-8 JSON, with {@code sent_at} set to {@code sentAt} (to the millisecond). */
    public byte[] encode(EcomEvent event, Instant sentAt) {
        try (var out = new ByteArrayBuilder(event.estimatedSize() + 64)) {
            write(event, sentAt, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + event.eventType().wireName() + " event", e);
        }
    }

    /**
     * Writes the event as UTF-8 JSON to {@code out}, without a line separator (the caller frames lines) and without
     * closing the stream. {@code sent_at} is written only if the event has one.
     */
    public void write(EcomEvent event, OutputStream out) throws IOException {
        write(event, event.sentAt(), out);
    }

    /** Like {@link #write(EcomEvent, OutputStream)}, with {@code sent_at} set to {@code sentAt}. */
    public void write(EcomEvent event, Instant sentAt, OutputStream out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            writer.write(g, event, sentAt, EventWriter.Times.create());
        }
    }

    /**
     * An encoder for one thread that encodes event after event with the same generator and buffer, and formats each
     * millisecond's timestamp once. The same bytes as {@link #encode(EcomEvent, Instant)}, with a fraction of its
     * garbage; for a thread that encodes a stream of events (the client's dispatcher).
     */
    public Encoder newEncoder() {
        return new Encoder();
    }

    /**
     * Encodes events one after another on one thread ({@link #newEncoder()}). Not thread-safe. Jackson's generator
     * cannot be reset, so this one stays open over a buffer that is emptied before each event, with no separator
     * between root values; after a failure it is replaced, as it may be left inside an object.
     */
    public final class Encoder {

        private final EventWriter.Times times = EventWriter.Times.create();
        /** Emptied before each event; it keeps its current block, so a steady stream allocates only the results. */
        private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
        private JsonGenerator generator;

        private Encoder() {
        }

        /** The event as one line of UTF-8 JSON with {@code sent_at}, as {@link EventCodec#encode(EcomEvent, Instant)}. */
        public byte[] encode(EcomEvent event, Instant sentAt) {
            buffer.reset();
            try {
                if (generator == null) {
                    generator = factory.createGenerator(buffer, JsonEncoding.UTF8);
                    generator.setRootValueSeparator(null);
                }
                writer.write(generator, event, sentAt, times);
                generator.flush();
            } catch (IOException e) {
                generator = null;
                throw new UncheckedIOException("cannot encode " + event.eventType().wireName() + " event", e);
            } catch (RuntimeException e) {
                generator = null;
                throw e;
            }
            return buffer.toByteArray();
        }
    }

    /**
     * The event encoded in {@code json} (UTF-8).
     *
     * @throws MalformedEventException when it is not JSON, not one object, has a missing or unknown
     *                                 {@code event_type}, a field of the wrong type, or fails validation
     */
    public EcomEvent decode(byte[] json) {
        return reader.decode(json);
    }

    /** Like {@link #decode(byte[])}, for a line already held as text. */
    public EcomEvent decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads only {@code event_id}, {@code event_type}, {@code event_time}, {@code user_id}, {@code session_id},
     * {@code anonymous_id} and {@code order_id} from the top level of an encoded event, each null when missing.
     * Tolerates any other content, including lines from foreign encoders that are not valid events.
     *
     * @throws MalformedEventException when the input is not a single JSON object
     */
    public EventHeader peek(byte[] json) {
        return reader.peek(json);
    }

    /** Like {@link #peek(byte[])}, for a line already held as text. */
    public EventHeader peek(String json) {
        return peek(json.getBytes(StandardCharsets.UTF_8));
    }
}
