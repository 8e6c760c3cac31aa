package io.ecomlog.compat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.ecomlog.logback.EcomlogAppender;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Logback and Log4j2 appenders start from their configuration files and deliver on an older Jackson. */
class AppendersOnOlderJacksonTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clean() {
        System.clearProperty("LAKE_DIR");
    }

    @Test
    void theLogbackAppenderStartsAndDelivers() throws Exception {
        CompatSupport.assertJacksonOnClassPath();
        Path lake = tmp.resolve("lake");
        System.setProperty("LAKE_DIR", lake.toString());
        var ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        var configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        configurator.doConfigure(getClass().getResource("/logback-compat.xml"));
        var appender = (EcomlogAppender) ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ECOMLOG");
        assertThat(appender.isStarted()).as("started: " + ctx.getStatusManager().getCopyOfStatusList()).isTrue();

        LoggerFactory.getLogger("shop.Orders").info(CompatSupport.MESSAGE);
        ctx.stop();

        assertThat(CompatSupport.messages(CompatSupport.lake(lake))).containsExactly(CompatSupport.MESSAGE);
    }

    @Test
    void theLog4j2AppenderStartsAndDelivers() {
        CompatSupport.assertJacksonOnClassPath();
        Path lake = tmp.resolve("lake");
        System.setProperty("LAKE_DIR", lake.toString());
        var ctx = new org.apache.logging.log4j.core.LoggerContext("compat", null,
                Path.of("src/test/resources/log4j2-compat.xml").toUri());
        ctx.start();
        try {
            assertThat(ctx.getConfiguration().getAppenders()).containsKey("ECOMLOG");
            ctx.getLogger("shop.Orders").info(CompatSupport.MESSAGE);
        } finally {
            ctx.stop();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(CompatSupport.messages(CompatSupport.lake(lake))).containsExactly(CompatSupport.MESSAGE));
        assertThat(LogManager.getContext(false)).isNotNull();
    }
}
