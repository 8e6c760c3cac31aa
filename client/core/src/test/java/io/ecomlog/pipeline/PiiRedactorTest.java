package io.ecomlog.pipeline;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.transport.LocalFolderStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class PiiRedactorTest {

    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String redact(PiiRedactor redactor, String json) {
        return new String(redactor.redact(utf8(json)), StandardCharsets.UTF_8);
    }

    @Test
    void luhnCheckAcceptsRealTestCardNumbersOnly() {
        assertThat(PiiRedactor.luhnValid("4111111111111111")).isTrue();
        assertThat(PiiRedactor.luhnValid("5500 0000 0000 0004")).isTrue();
        assertThat(PiiRedactor.luhnValid("3400-000000-00009")).isTrue();
        assertThat(PiiRedactor.luhnValid("4111111111111112")).isFalse();
        assertThat(PiiRedactor.luhnValid("123456789012")).isFalse(); // too short
    }

    @Test
    void cardNumbersAreMaskedToTheirLastFourDigitsByDefault() {
        var out = redact(PiiRedactor.defaults(),
                "{\"message\":\"payment with 4111 1111 1111 1111 failed\",\"note\":\"card 5500-0000-0000-0004\"}");
        assertThat(out).doesNotContain("4111 1111").doesNotContain("5500-0000")
                .contains("[card ****1111]").contains("[card ****0004]");
    }

    @Test
    void numbersThatFailLuhnAndIdFieldsAreLeftAlone() {
        // REES46 category ids are 19-digit numbers; this one passes the Luhn check but is an id
        var line = "{\"category_id\":\"4111111111111111\",\"message\":\"order 4111111111111112 shipped\"}";
        assertThat(redact(PiiRedactor.defaults(), line)).isEqualTo(line);
    }

    @Test
    void emailsAndIpsOnlyWhenAsked() {
        var line = "{\"user_id\":\"jane.doe@example.com\",\"ip\":\"203.0.113.42\",\"message\":\"ok\"}";
        assertThat(redact(PiiRedactor.defaults(), line)).isEqualTo(line);
        var all = PiiRedactor.of(true, true, true);
        var out = redact(all, line);
        assertThat(out).doesNotContain("jane.doe@example.com").contains("[email]")
                .doesNotContain("203.0.113.42").contains("203.0.113.0");
        assertThat(all.redactions()).isEqualTo(2);
    }

    @Test
    void cardsAreFoundWhereverTheyStandAmongOtherDigits() {
        var out = redact(PiiRedactor.defaults(), "{\"a\":\"4222222222222\",\"b\":\"x6304000000000000018y\","
                + "\"c\":\"paid 4111-1111-1111-1111 on 2026-12-06\",\"d\":\"ref 12, card 5500 0000 0000 0004\"}");
        assertThat(out).contains("\"a\":\"[card ****2222]\"", "\"b\":\"x[card ****0018]y\"",
                "\"c\":\"paid [card ****1111] on 2026-12-06\"", "\"d\":\"ref 12, card [card ****0004]\"");
        // right after other digit groups (a date, a reference) with one separator, the card and the group before it
        // may make one Luhn-valid run: whichever is masked, no more than four of the card's digits stay readable
        var line = "{\"m\":\"2026-12-06 4111-1111-1111-1111\",\"n\":\"12 5500 0000 0000 0004\"}";
        assertThat(redact(PiiRedactor.defaults(), line)).contains("[card ****")
                .doesNotContain("4111-1111-1111", "1111-1111-1111", "5500 0000 0000", "0000 0000 0004");
    }

    /**
     * The byte scan that spares most lines a parse must never miss what the parse would redact: seeded random lines
     * (so every run checks the same 20,000) of a few fields, some named {@code *_id}, one an array, whose values mix
     * digits, separators, letters, dots, '@' and escaped quotes.
     */
    @Test
    void theByteScanFlagsEveryLineTheRedactionWouldChange() throws Exception {
        var random = new java.util.Random(21);
        var redactors = java.util.List.of(PiiRedactor.defaults(), PiiRedactor.of(true, true, true));
        String[] fields = {"message", "order_id", "note", "tags"};
        int changed = 0;
        for (int n = 0; n < 20_000; n++) {
            var json = new StringBuilder("{");
            for (int f = 1 + random.nextInt(3); f > 0; f--) {
                String field = fields[random.nextInt(fields.length)];
                json.append('"').append(field).append("\":");
                json.append(field.equals("tags") ? "[" + randomValue(random) + "," + randomValue(random) + "]"
                        : randomValue(random));
                json.append(f > 1 ? "," : "}");
            }
            byte[] line = utf8(json.toString());
            for (var redactor : redactors) {
                boolean changes = redactor.rewrite(line) != line; // the parse, without the scan in front
                assertThat(!changes || redactor.mayContainPii(line)).as("%s is changed but not flagged", json)
                        .isTrue();
                changed += changes ? 1 : 0;
            }
        }
        assertThat(changed).as("the random lines include cards, e-mails and IPs").isGreaterThan(100);
    }

    private static String randomValue(java.util.Random random) {
        String alphabet = "0123456789012345678901234567890123456789 - -.@ab";
        var value = new StringBuilder("\"");
        for (int k = 5 + random.nextInt(40); k > 0; k--) {
            value.append(random.nextInt(50) == 0 ? "\\\"" : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.append('"').toString();
    }

    @Test
    void linesWithoutCandidatesAreReturnedAsTheyAre() {
        byte[] line = utf8("{\"event_type\":\"log\",\"price\":\"19.99\",\"message\":\"nothing to see\"}");
        assertThat(PiiRedactor.defaults().redact(line)).isSameAs(line);
        byte[] notJson = utf8("4111111111111111 not json");
        assertThat(PiiRedactor.defaults().redact(notJson)).isSameAs(notJson);
    }

    @Test
    void typedEventsAndForeignLinesAreRedactedBeforeTheyLeaveTheProcess() throws Exception {
        var lake = dir.resolve("lake");
        try (var client = EcomlogClient.builder().localLake(lake).producerId("test").shutdownHook(false)
                .linger(Duration.ofMillis(10)).redaction(PiiRedactor.of(true, true, false)).build()) {
            client.track(Events.log(LogRecord.builder("WARN", "card 4111-1111-1111-1111 declined for jane@example.com")
                    .build()).build());
            client.submitJson(utf8("{\"event_type\":\"log\",\"message\":\"paid with 5500000000000004\"}"));
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(client.stats().redactions()).isEqualTo(3);
        }
        var store = new LocalFolderStore(lake);
        var all = new ArrayList<String>();
        for (var key : store.list("")) {
            RecordCodec.lines(store.get(key)).forEach(l -> all.add(new String(l, StandardCharsets.UTF_8)));
        }
        assertThat(all).hasSize(2);
        assertThat(String.join("\n", all)).doesNotContain("4111-1111").doesNotContain("jane@example.com")
                .doesNotContain("5500000000000004").contains("[card ****1111]").contains("[card ****0004]");
        // the redacted typed event still decodes
        new EventCodec().decode(utf8(all.stream().filter(l -> l.contains("declined")).findFirst().orElseThrow()));
    }
}
