package io.ecomlog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A start that fails, even with a LinkageError, is a status message and a stopped appender; the host goes on. */
class EcomlogAppenderStartFailureTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clean() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
        System.clearProperty("LAKE_DIR");
    }

    @Test
    void aLinkageErrorWhileStartingLeavesTheAppenderStoppedAndTheApplicationLogging() {
        System.setProperty("LAKE_DIR", tmp.resolve("lake").toString());
        LoggerContext ctx = LogbackConfigs.configure("/logback-test-broken-start.xml"); // must not throw

        EcomlogAppender ecomlog = LogbackConfigs.appender(ctx);
        assertThat(ecomlog.isStarted()).isFalse();
        assertThat(ctx.getStatusManager().getCopyOfStatusList()).anySatisfy(s -> {
            assertThat(s.getLevel()).isEqualTo(Status.ERROR);
            assertThat(s.getMessage()).contains("ecomlog appender [ECOMLOG] not started")
                    .contains("COMBINE_UNICODE_SURROGATES_IN_UTF8");
        });

        LoggerFactory.getLogger("shop.Orders").info("the shop keeps logging");
        @SuppressWarnings("unchecked")
        var list = (ListAppender<ILoggingEvent>) ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("LIST");
        assertThat(list.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("the shop keeps logging");
        assertThat(ecomlog.stats()).isNull(); // never opened a client
        ctx.stop();
    }
}
