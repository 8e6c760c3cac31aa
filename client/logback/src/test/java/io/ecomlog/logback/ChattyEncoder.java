package io.ecomlog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/** A text encoder that logs through the same loggers while it encodes (a badly behaved plug-in, on purpose). */
public class ChattyEncoder extends EncoderBase<ILoggingEvent> {

    @Override
    public byte[] headerBytes() {
        return new byte[0];
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        LoggerFactory.getLogger("shop.Chatty").warn("encoding {}", event.getFormattedMessage());
        return (event.getLevel() + " " + event.getFormattedMessage() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return new byte[0];
    }
}
