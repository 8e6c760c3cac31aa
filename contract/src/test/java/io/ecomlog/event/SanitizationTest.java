package io.ecomlog.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SanitizationTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "a\uD800b|a\uFFFDb|high surrogate alone",
        "a\uDC00b|a\uFFFDb|low surrogate alone",
        "ab\uD83D|ab\uFFFD|high surrogate at the end",
        "\uDE00ab|\uFFFDab|low surrogate at the start",
        "\uDC00\uD800|\uFFFD\uFFFD|reversed pair",
        "ok \uD83D\uDE00 ok|ok \uD83D\uDE00 ok|valid pair kept"
    })
    void loneSurrogatesBecomeReplacementCharacters(String input, String expected, String description) {
        assertThat(Text.clean(input)).isEqualTo(expected);
    }

    @Test
    void validStringsAreReturnedAsTheSameInstance() {
        String valid = "Grüezi \uD83D\uDE00 \r\n\t\u0000 done";
        assertThat(Text.clean(valid)).isSameAs(valid);
    }

    @Test
    void everyStringOfAnEventIsCleanedAndControlCharactersAreKept() {
        String bad = "x\uD800y";
        EcomEvent event = Events.productViewed(Product.builder(bad).name("line1\r\nline2\u0007").build())
                .userId(bad).sessionId("s\uDC00")
                .app(App.builder().name(bad).build())
                .page(Page.builder().title(bad).build())
                .property(bad, List.of(bad))
                .property("nested", Map.of("k", bad))
                .mdc(Map.of(bad, bad))
                .build();
        var product = ((ProductAction) event.payload()).product();

        assertThat(product.productId()).isEqualTo("x\uFFFDy");
        assertThat(product.name()).isEqualTo("line1\r\nline2\u0007");
        assertThat(event.userId()).isEqualTo("x\uFFFDy");
        assertThat(event.sessionId()).isEqualTo("s\uFFFD");
        assertThat(event.app().name()).isEqualTo("x\uFFFDy");
        assertThat(event.page().title()).isEqualTo("x\uFFFDy");
        assertThat(event.properties()).containsEntry("x\uFFFDy", List.of("x\uFFFDy"))
                .containsEntry("nested", Map.of("k", "x\uFFFDy"));
        assertThat(event.mdc()).containsEntry("x\uFFFDy", "x\uFFFDy");
    }

    @Test
    void valuesAreNeverTruncated() {
        String longText = "é".repeat(100_000);
        EcomEvent event = Events.log(LogRecord.builder("INFO", longText).build()).build();

        assertThat(((LogRecord) event.payload()).message()).isEqualTo(longText);
    }
}
