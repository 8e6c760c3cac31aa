package io.ecomlog.log4j2;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.record.RecordCodec;
import org.apache.logging.log4j.core.LoggerContext;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts Log4j2 logger contexts from the test configuration files, as an application would. */
final class Log4j2Configs {

    private static final EventCodec CODEC = new EventCodec();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Log4j2Configs() {
    }

    /** Static test credentials through a named profile ({@code profile="ecomlog-test"}); keeps the SDK off ~/.aws. */
    static void useTestProfile() {
        System.setProperty("aws.sharedCredentialsFile", resource("/ecomlog-test-aws-credentials").toString());
        System.setProperty("aws.configFile", resource("/ecomlog-test-aws-config").toString());
    }

    /** A new, started context configured from {@code resource}; system properties must be set before. */
    static LoggerContext start(String resource) {
        try {
            var uri = Log4j2Configs.class.getResource(resource).toURI();
            var ctx = new LoggerContext("ecomlog-test-" + COUNTER.incrementAndGet(), null, uri);
            ctx.start();
            return ctx;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The default context (the one {@code LogManager} and SLF4J through log4j-slf4j2-impl log to), reconfigured from
     * {@code resource}.
     */
    static LoggerContext configureDefault(String resource) {
        try {
            var ctx = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
            ctx.setConfigLocation(Log4j2Configs.class.getResource(resource).toURI());
            return ctx;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<EcomEvent> decode(List<byte[]> records) {
        return lines(records).stream().map(CODEC::decode).toList();
    }

    static List<byte[]> lines(List<byte[]> records) {
        return RecordCodec.lines(records);
    }

    private static Path resource(String name) {
        try {
            return Path.of(Log4j2Configs.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
