package io.ecomlog.logback;

import io.ecomlog.event.EcomEvent;
import org.slf4j.Marker;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Typed ecomlog events through plain SLF4J:
 *
 * <pre>{@code
 * log.info(EcomMarkers.event(Events.orderCompleted(order).sessionId(sid).build()), "order placed");
 * }</pre>
 *
 * <p>{@link EcomlogAppender} sends such a call as that typed event (through {@code EcomlogClient.track}), its
 * envelope completed from the MDC where the event has no value of its own; the log message is not sent. Any other
 * appender sees an ordinary marker named {@value #NAME} and the message.
 *
 * <p>This works with Logback, which hands the marker object through unchanged. Other SLF4J bindings may replace
 * markers by name (log4j-slf4j2-impl does), losing the event: with Log4j2, log an
 * {@code io.ecomlog.log4j2.EcomEventMessage} instead.
 */
public final class EcomMarkers {

    /** The name every event marker has. */
    public static final String NAME = "ECOM_EVENT";

    private EcomMarkers() {
    }

    /** A marker carrying {@code event}. */
    public static Marker event(EcomEvent event) {
        return new EventMarker(Objects.requireNonNull(event, "event"));
    }

    /** The event carried by {@code marker} or by one of the markers it references; null when there is none. */
    public static EcomEvent eventOf(Marker marker) {
        return eventOf(marker, 0);
    }

    /** The first event carried by any of {@code markers} (or their references); null when there is none. */
    public static EcomEvent eventOf(List<Marker> markers) {
        if (markers == null) {
            return null;
        }
        for (Marker m : markers) {
            EcomEvent e = eventOf(m, 0);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private static EcomEvent eventOf(Marker marker, int depth) {
        if (marker == null || depth > 8) {
            return null;
        }
        if (marker instanceof EventMarker em) {
            return em.event;
        }
        if (marker.hasReferences()) {
            for (Iterator<Marker> it = marker.iterator(); it.hasNext(); ) {
                EcomEvent e = eventOf(it.next(), depth + 1);
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    }

    /** An immutable, reference-free marker holding one event. */
    static final class EventMarker implements Marker {
        private static final long serialVersionUID = 1L;

        private final transient EcomEvent event;

        EventMarker(EcomEvent event) {
            this.event = event;
        }

        EcomEvent event() {
            return event;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public void add(Marker reference) {
            throw new UnsupportedOperationException("an ecomlog event marker takes no references");
        }

        @Override
        public boolean remove(Marker reference) {
            return false;
        }

        @Override
        @Deprecated
        public boolean hasChildren() {
            return false;
        }

        @Override
        public boolean hasReferences() {
            return false;
        }

        @Override
        public Iterator<Marker> iterator() {
            return Collections.emptyIterator();
        }

        @Override
        public boolean contains(Marker other) {
            return this == other;
        }

        @Override
        public boolean contains(String name) {
            return NAME.equals(name);
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return NAME + "(" + event.eventType() + " " + event.eventId() + ")";
        }
    }
}
