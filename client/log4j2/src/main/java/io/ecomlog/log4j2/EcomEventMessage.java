package io.ecomlog.log4j2;

import io.ecomlog.event.EcomEvent;
import org.apache.logging.log4j.message.Message;

import java.util.Objects;

/**
 * A Log4j2 {@link Message} carrying a typed ecomlog event:
 *
 * <pre>{@code
 * log.info(EcomEventMessage.of(Events.orderCompleted(order).sessionId(sid).build(), "order placed"));
 * }</pre>
 *
 * <p>{@link EcomlogAppender} sends it as that typed event (through {@code EcomlogClient.track}), its envelope
 * completed from the ThreadContext where the event has no value of its own; other appenders print the text.
 *
 * <p>Why a message and not a marker, as with Logback's {@code EcomMarkers}: Log4j2 markers are named singletons
 * ({@code MarkerManager.getMarker(name)}) that cannot carry a per-call object, and SLF4J markers passed through
 * {@code log4j-slf4j2-impl} are converted to Log4j2 markers by name, losing anything they carried. A message travels
 * with the event through AsyncLogger and AsyncAppender (it is immutable and not reusable).
 */
public final class EcomEventMessage implements Message {

    private static final long serialVersionUID = 1L;

    private final transient EcomEvent event;
    private final String text;

    private EcomEventMessage(EcomEvent event, String text) {
        this.event = Objects.requireNonNull(event, "event");
        this.text = text;
    }

    /** A message for {@code event}; other appenders print its type and id. */
    public static EcomEventMessage of(EcomEvent event) {
        return new EcomEventMessage(event, null);
    }

    /** A message for {@code event} that other appenders print as {@code text}. */
    public static EcomEventMessage of(EcomEvent event, String text) {
        return new EcomEventMessage(event, text);
    }

    public EcomEvent event() {
        return event;
    }

    @Override
    public String getFormattedMessage() {
        return text != null ? text : event.eventType().wireName() + " " + event.eventId();
    }

    @Override
    @Deprecated
    public String getFormat() {
        return getFormattedMessage();
    }

    @Override
    public Object[] getParameters() {
        return new Object[] {event};
    }

    @Override
    public Throwable getThrowable() {
        return null;
    }

    @Override
    public String toString() {
        return getFormattedMessage();
    }
}
