package example;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.ecomlog.testing.KinesisLocal;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A project that knows ecomlog only through its BOM and its logback.xml: its log lines arrive in Kinesis. */
class ShopLoggingTest {

    @Test
    void logLinesArriveInKinesis() throws Exception {
        var kinesis = KinesisLocal.shared();
        String stream = kinesis.uniqueStreamName("bom-consumer");
        kinesis.createStream(stream, 1);
        System.setProperty("shop.stream", stream);
        System.setProperty("shop.endpoint", kinesis.endpoint().toString());
        // the stand-in's start already set Logback up, before the endpoint was known: read logback-test.xml again
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();

        Logger log = LoggerFactory.getLogger("shop.Checkout");
        for (int i = 0; i < 3; i++) {
            log.info("order {} placed", i);
        }
        context.stop(); // the appender flushes and closes

        kinesis.awaitRecords(stream, 1, Duration.ofSeconds(30));
        String all = String.join("", kinesis.readAll(stream).stream().map(r -> r.dataAsString()).toList());
        assertEquals(3, all.lines().filter(l -> l.contains("shop.Checkout")).count(), all);
        assertTrue(all.contains("order 2 placed"), all);
    }
}
