package io.ecomlog.logging;

import io.ecomlog.event.App;
import io.ecomlog.event.EventType;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;
import io.ecomlog.spool.SpoolLocation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings parsing and checks, and the framework-neutral mapping, without any logging framework or network. */
class PipelineSettingsTest {

    @Test
    void durationsAndSizesReadTheUsualSpellings() {
        assertThat(PipelineSettings.duration("500ms", "x")).isEqualTo(Duration.ofMillis(500));
        assertThat(PipelineSettings.duration("5 seconds", "x")).isEqualTo(Duration.ofSeconds(5));
        assertThat(PipelineSettings.duration("2m", "x")).isEqualTo(Duration.ofMinutes(2));
        assertThat(PipelineSettings.duration("PT1.5S", "x")).isEqualTo(Duration.ofMillis(1500));
        assertThat(PipelineSettings.duration("250", "x")).isEqualTo(Duration.ofMillis(250));
        assertThat(PipelineSettings.size("4MB", "x")).isEqualTo(4L * 1024 * 1024);
        assertThat(PipelineSettings.size("512 KiB", "x")).isEqualTo(512L * 1024);
        assertThat(PipelineSettings.size("1000", "x")).isEqualTo(1000);
        assertThatThrownBy(() -> PipelineSettings.duration("soon", "linger")).hasMessageContaining("linger");
        assertThatThrownBy(() -> PipelineSettings.size("4 parsecs", "batchBytes")).hasMessageContaining("batchBytes");
    }

    @Test
    void problemsNameEverySettingThatCannotBeUsed() {
        var s = new PipelineSettings();
        s.setLinger("soon");
        s.setOverflowPolicy("drop-everything");
        s.setEndpoint("not a url");
        s.setQueueCapacity(0);
        assertThat(s.problems()).hasSize(5)
                .anySatisfy(p -> assertThat(p).contains("no destination"))
                .anySatisfy(p -> assertThat(p).contains("linger"))
                .anySatisfy(p -> assertThat(p).contains("overflowPolicy").contains("DROP_NEWEST"))
                .anySatisfy(p -> assertThat(p).contains("endpoint"))
                .anySatisfy(p -> assertThat(p).contains("queueCapacity"));
        assertThatThrownBy(() -> s.open(null)).isInstanceOf(IllegalArgumentException.class);

        var ok = new PipelineSettings();
        ok.setKinesisStream("events");
        ok.setOverflowPolicy("drop-oldest");
        ok.setEndpoint("http://127.0.0.1:4567");
        assertThat(ok.problems()).isEmpty();
    }

    @Test
    void ownThreadsAndIgnoredLoggersAreRecognised() {
        var prefixes = new PipelineSettings().ignoredLoggerPrefixes();
        assertThat(PipelineSettings.ignores(prefixes, "software.amazon.awssdk.request", "main")).isTrue();
        assertThat(PipelineSettings.ignores(prefixes, "io.ecomlog", "main")).isTrue();
        assertThat(PipelineSettings.ignores(prefixes, "io.ecomlogger.App", "main")).isFalse();
        assertThat(PipelineSettings.ignores(prefixes, "shop.Orders", "ecomlog-send-kinesis:events")).isTrue();
        assertThat(PipelineSettings.ignores(prefixes, "shop.Orders", "http-nio-8080-exec-1")).isFalse();
    }

    @Test
    void mdcCompletesTypedEventsWithoutOverridingThem() {
        var mapper = new LogEventMapper(LogEventMapper.Settings.DEFAULT);
        var own = Events.loginSucceeded("password").sessionId("s-own").build();
        var mdc = Map.of("session_id", "s-mdc", "user_id", "u-mdc", "request_id", "r-1");
        var enriched = mapper.enrich(own, mdc);
        assertThat(enriched.eventId()).isEqualTo(own.eventId());
        assertThat(enriched.sessionId()).isEqualTo("s-own");
        assertThat(enriched.userId()).isEqualTo("u-mdc");
        assertThat(enriched.properties()).containsEntry("request_id", "r-1");
        assertThat(mapper.enrich(own, Map.of())).isSameAs(own);
    }

    @Test
    void anInvalidMdcValueNeverLosesTheLine() {
        var mapper = new LogEventMapper(new LogEventMapper.Settings("user_id", "session_id", "anonymous_id",
                "request_id", true, true, 50, 8192, null));
        var line = new LogLine(Instant.now(), "INFO", "shop.X", "main", null, null, null, null, null,
                Map.of("session_id", "s-1"), Map.of("sku", "IP15", "qty", 2));
        var event = mapper.map(line);
        assertThat(event.eventType()).isEqualTo(EventType.LOG);
        assertThat(((LogRecord) event.payload()).message()).isEqualTo("(empty)");
        assertThat(event.properties()).containsEntry("sku", "IP15").containsKey("qty");
        assertThat(List.copyOf(event.mdc().keySet())).containsExactly("session_id");
    }

    @Test
    void logLinesErrorsAndTypedEventsWithoutAnAppCarryTheConfiguredApplication() {
        var settings = new PipelineSettings();
        settings.setApplicationName(" shop-backend ");
        settings.setApplicationVersion("2.4.1");
        settings.setEnvironment("prod");
        var mapper = new LogEventMapper(settings.mapperSettings());
        var expected = new App("shop-backend", "2.4.1", "prod", SpoolLocation.hostName());

        var line = new LogLine(Instant.now(), "INFO", "shop.X", "main", "paid", null, null, null, null, Map.of(),
                Map.of());
        assertThat(mapper.map(line).app()).isEqualTo(expected);
        var error = new LogLine(Instant.now(), "ERROR", "shop.Payments", "main", "payment failed",
                new IllegalStateException("card declined"), null, null, null, Map.of(), Map.of());
        var appError = mapper.map(error);
        assertThat(appError.eventType()).isEqualTo(EventType.APP_ERROR);
        assertThat(appError.app()).isEqualTo(expected);
        assertThat(mapper.mapText(line, "text layout output").app()).isEqualTo(expected);

        var typed = Events.loginSucceeded("password").build();
        assertThat(mapper.enrich(typed, Map.of()).app()).as("a typed event without an app gets it").isEqualTo(expected);
        var own = Events.loginSucceeded("password").app(App.builder().name("checkout").build()).build();
        assertThat(mapper.enrich(own, Map.of("user_id", "u-1")).app()).as("the event's own app wins")
                .isEqualTo(App.builder().name("checkout").build());
    }

    @Test
    void withoutAConfiguredNameLogLinesCarryTheMainClassOrJarNameAndTheHost() {
        var mapper = new LogEventMapper(new PipelineSettings().mapperSettings());
        var line = new LogLine(Instant.now(), "INFO", "shop.X", "main", "hello", null, null, null, null, Map.of(),
                Map.of());
        var app = mapper.map(line).app();
        assertThat(app.name()).isEqualTo(SpoolLocation.defaultApplicationName()).isNotBlank();
        assertThat(app.host()).isEqualTo(SpoolLocation.hostName());
        assertThat(app.version()).isNull();
        assertThat(app.environment()).isNull();
    }
}
