package io.ecomlog.settings;

import io.ecomlog.logging.PipelineSettings;
import io.ecomlog.pipeline.ClientSettings;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.testing.GeneratedDocs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one description of the client's settings: each default is a value its own rule takes, reads back from its text,
 * reaches the builder and the appenders' files by name, and the reference in {@code docs/client.md} is printed from
 * it ({@link GeneratedDocs}).
 */
class ClientSettingsTest {

    static final String BEGIN = "<!-- settings:begin (generated from ClientSettings by ClientSettingsTest) -->";
    static final String END = "<!-- settings:end -->";

    @Test
    void everyDefaultIsAValueOfItsOwnRuleAndReadsBackFromItsText() {
        for (Setting<?> s : ClientSettings.all()) {
            if (s.defaultValue() == null) {
                continue;
            }
            assertThat(roundTrip(s)).as(s.name()).isEqualTo(s.defaultValue());
        }
    }

    @Test
    void everySettingReachesTheBuilderByItsDescription() {
        for (Setting<?> s : ClientSettings.all()) {
            var b = EcomlogClient.builder();
            setDefault(b, s);
        }
        assertThatThrownBy(() -> EcomlogClient.builder().set(ClientSettings.REPLAY_SHARE_PERCENT, 95))
                .hasMessage("replaySharePercent must be between 1 and 90, was 95");
        assertThatThrownBy(() -> EcomlogClient.builder().linger(Duration.ofMillis(-1)))
                .hasMessageContaining("linger must be at least 0ms");
    }

    @Test
    void anAppenderFileReachesEverySettingByName() {
        var pairs = ClientSettings.all().stream().filter(s -> s.defaultValue() != null)
                .map(s -> s.name() + "=" + s.defaultText()).collect(Collectors.joining(", "));
        var file = new PipelineSettings();
        file.setLocalLakeDirectory("target/settings-lake");
        file.setSettings(pairs + "; producerId=shop-1");
        assertThat(file.problems()).isEmpty();

        var wrong = new PipelineSettings();
        wrong.setLocalLakeDirectory("target/settings-lake");
        wrong.setSettings("replaySharePercent=95, lingr=5s, retryMaxBackoff");
        assertThat(wrong.problems()).containsExactlyInAnyOrder(
                "settings: no client setting is called lingr (the names are ClientSettings')",
                "settings: \"retryMaxBackoff\" is not name=value",
                "replaySharePercent must be between 1 and 90, was 95");
    }

    /** The grammar's forms are PipelineSettingsTest's; here what the reference prints reads back. */
    @Test
    void whatTheReferencePrintsReadsBack() {
        for (var d : new Duration[] {Duration.ofMillis(1500), Duration.ofSeconds(90), Duration.ofHours(3),
                Duration.ofDays(2)}) {
            assertThat(Durations.parse(Durations.format(d), "x")).isEqualTo(d);
        }
        for (long bytes : new long[] {25_000, 500 * 1024, 4L << 20, 3L << 30}) {
            assertThat(Sizes.parse(Sizes.format(bytes), "x")).isEqualTo(bytes);
        }
    }

    @Test
    void theReferenceInTheDocsIsPrintedFromTheDescription() throws IOException {
        GeneratedDocs.assertBlock("client.md", BEGIN, END, reference(),
                "./mvnw -pl client/core -am test -Dtest=ClientSettingsTest -Dsurefire.failIfNoSpecifiedTests=false");
    }

    static String reference() {
        var out = new StringBuilder("| builder and appender files (`settings=\"name=value, …\"`) | Spring Boot | default"
                + " | values | what it does |\n|---|---|---|---|---|\n");
        for (Setting<?> s : ClientSettings.all()) {
            out.append("| `").append(s.name()).append("` | `").append(s.springProperty()).append("` | ")
                    .append(s.defaultText() == null ? "–" : "`" + s.defaultText() + "`").append(" | ")
                    .append(s.rule().replace("|", "\\|")).append(" | ").append(s.description()).append(" |\n");
        }
        return out.toString();
    }

    private static <T> T roundTrip(Setting<T> s) {
        return s.parse(s.defaultText());
    }

    private static <T> void setDefault(EcomlogClient.Builder b, Setting<T> s) {
        if (s.defaultValue() != null) {
            b.set(s, s.defaultValue());
        }
    }
}
