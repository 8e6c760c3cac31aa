package io.ecomlog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.logging.LogEventMapper;

import java.util.Arrays;

/**
 * Encodes a Logback event as one line of ecomlog JSON (the core codec's wire format, ending in {@code \n}): a typed
 * event carried by an {@link EcomMarkers} marker as itself, a line with a throwable as {@code app_error}, any other
 * line as {@code log}; see {@link LogEventMapper}.
 *
 * <p>It is {@link EcomlogAppender}'s default encoder; the appender then skips the bytes and hands the event object to
 * the pipeline, which encodes it on its own thread. Any other appender (a {@code ConsoleAppender}, a file) can use it
 * to write ecomlog JSON lines. MDC key names here are the defaults ({@code user_id}, {@code session_id},
 * {@code anonymous_id}, {@code request_id}); set them on the appender to change them.
 */
public class EcomlogJsonEncoder extends EncoderBase<ILoggingEvent> {

    private static final byte[] EMPTY = new byte[0];

    private final EventCodec codec = new EventCodec();
    private LogEventMapper mapper = new LogEventMapper(LogEventMapper.Settings.DEFAULT);

    void mapper(LogEventMapper mapper) {
        this.mapper = mapper;
    }

    /** The ecomlog event for a Logback event. */
    public EcomEvent toEvent(ILoggingEvent event) {
        EcomEvent typed = LogbackEvents.typedEvent(event);
        if (typed != null) {
            return mapper.enrich(typed, event.getMDCPropertyMap());
        }
        return mapper.map(LogbackEvents.line(event));
    }

    @Override
    public byte[] headerBytes() {
        return EMPTY;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] json = codec.encode(toEvent(event));
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    @Override
    public byte[] footerBytes() {
        return EMPTY;
    }
}
