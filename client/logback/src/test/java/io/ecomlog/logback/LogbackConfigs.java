package io.ecomlog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.record.RecordCodec;
import org.slf4j.LoggerFactory;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Drives Logback's default context from the test configuration files, as an application would. */
final class LogbackConfigs {

    private static final EventCodec CODEC = new EventCodec();

    private LogbackConfigs() {
    }

    /**
     * Static test credentials through a named profile ({@code <profile>ecomlog-test</profile>} in the files): the
     * appender has no setting for keys, on purpose. Also keeps the SDK away from {@code ~/.aws}.
     */
    static void useTestProfile() {
        System.setProperty("aws.sharedCredentialsFile", resource("/ecomlog-test-aws-credentials").toString());
        System.setProperty("aws.configFile", resource("/ecomlog-test-aws-config").toString());
    }

    /** Resets the default context and configures it from {@code resource}; system properties must be set before. */
    static LoggerContext configure(String resource) {
        var ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        ctx.getStatusManager().clear();
        var configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        try {
            configurator.doConfigure(LogbackConfigs.class.getResource(resource));
        } catch (JoranException e) {
            throw new IllegalStateException(e);
        }
        ctx.start();
        return ctx;
    }

    static EcomlogAppender appender(LoggerContext ctx) {
        return (EcomlogAppender) ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ECOMLOG");
    }

    static List<EcomEvent> decode(List<byte[]> records) {
        return lines(records).stream().map(CODEC::decode).toList();
    }

    static List<byte[]> lines(List<byte[]> records) {
        return RecordCodec.lines(records);
    }

    private static Path resource(String name) {
        try {
            return Path.of(LogbackConfigs.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
