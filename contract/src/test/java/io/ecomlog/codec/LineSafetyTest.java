package io.ecomlog.codec;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;
import io.ecomlog.event.Page;
import io.ecomlog.event.Product;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile strings never break encoding and never break the one-event-per-line framing. */
class LineSafetyTest {

    private final EventCodec codec = new EventCodec();

    @ParameterizedTest
    @ValueSource(strings = {"high alone \uD800 here", "low alone \uDC00 here", "ends with high \uD83D",
        "\uDE00 starts with low", "pair \uD83D\uDE00 and lone \uD83D"})
    void loneSurrogatesEncodeAsReplacementCharacters(String text) {
        EcomEvent event = Events.log(LogRecord.builder("WARN", text).logger(text).build())
                .userId(text).page(Page.builder().title(text).build()).property(text, text).mdc(Map.of(text, text))
                .build();

        byte[] line = codec.encode(event);
        String decodedText = new String(line, StandardCharsets.UTF_8);
        EcomEvent decoded = codec.decode(line);

        assertThat(decodedText).contains("\uFFFD").doesNotContain("?");
        assertThat(decoded).isEqualTo(event);
        assertThat(((LogRecord) decoded.payload()).message()).doesNotContain("\uD800", "\uDC00")
                .contains("\uFFFD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"line1\nline2", "windows\r\nline", "bare\rcr", "tab\tbell\u0007nul\u0000esc\u001b",
        "unicode separators \u2028 \u2029 \u0085", "quote \" backslash \\ slash /"})
    void controlCharactersAreEscapedAndComeBackUnchanged(String text) {
        EcomEvent event = Events.productViewed(Product.builder("p-1").name(text).build()).userId(text)
                .property("note", text).build();

        byte[] line = codec.encode(event);

        for (byte b : line) {
            // no raw CR, LF or other C0 control byte; multi-byte UTF-8 sequences are all >= 0x80
            assertThat(b & 0xFF).as("byte in %s", new String(line, StandardCharsets.UTF_8))
                    .isGreaterThanOrEqualTo(0x20);
        }
        EcomEvent decoded = codec.decode(line);
        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.userId()).isEqualTo(text);
    }
}
