package io.ecomlog.access;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.HttpAccess;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Non-ASCII text in access logs, escaped as Apache and Nginx write it, read back as the text that was logged. */
class LogEscapesTest {

    private final AccessLogParser parser = new AccessLogParser();

    @Test
    void utf8EscapesDecodeToTheLoggedText() {
        var result = (AccessLogParser.Parsed) parser.parse("1.2.3.4 - - [17/May/2015:10:05:03 +0800] \"GET /"
                + apache("каталог/платье?q=été") + " HTTP/1.1\" 200 1 \"" + apache("https://магазин.example/…")
                + "\" \"" + apache("Mozilla/5.0 … ✓ 😀") + "\"");
        var event = result.event();
        var access = (HttpAccess) event.payload();
        assertThat(access.path()).isEqualTo("/каталог/платье?q=été");
        assertThat(event.page().path()).isEqualTo("/каталог/платье");
        assertThat(access.referrer()).isEqualTo("https://магазин.example/…");
        assertThat(access.userAgent()).isEqualTo("Mozilla/5.0 … ✓ 😀");
        assertThat(event.client().userAgent()).isEqualTo("Mozilla/5.0 … ✓ 😀");
        assertThat(event.properties()).doesNotContainKey(AccessLogParser.UNDECODED_FIELDS);
        assertThat(result.tolerated()).isEmpty();
    }

    @Test
    void theSameTextEscapedByNginxOrWrittenAsUtf8DecodesAlike() {
        String ua = "Mozilla/5.0 (\"quoted\") back\\slash …";
        for (String logged : List.of(apache(ua), nginx(ua), ua.replace("\\", "\\\\").replace("\"", "\\\""))) {
            var event = parsed("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \""
                    + logged + "\"");
            assertThat(event.client().userAgent()).as(logged).isEqualTo(ua);
        }
    }

    @Test
    void legacyEightBitTextIsKeptAsLoggedAndMarkedNeverAsC1Controls() {
        String cp1251 = escapeBytes("Поиск".getBytes(Charset.forName("windows-1251")), true);
        String latin1 = escapeBytes("café".getBytes(StandardCharsets.ISO_8859_1), true);
        var line = "1.2.3.4 - bob [17/May/2015:10:05:03 +0000] \"GET /" + latin1 + "?q=" + cp1251
                + " HTTP/1.1\" 200 1 \"http://shop.example/" + cp1251 + "\" \"" + apache("Agent …") + "\"";
        var result = (AccessLogParser.Parsed) parser.parse(line);
        var event = result.event();
        var access = (HttpAccess) event.payload();
        assertThat(access.path()).isEqualTo("/" + latin1 + "?q=" + cp1251).contains("\\xe9");
        assertThat(access.referrer()).isEqualTo("http://shop.example/" + cp1251);
        assertThat(access.userAgent()).isEqualTo("Agent …");
        assertThat(event.properties().get(AccessLogParser.UNDECODED_FIELDS))
                .isEqualTo(List.of(AccessLogParser.FIELD_PATH, AccessLogParser.FIELD_REFERRER));
        assertThat(result.tolerated()).containsExactly(AccessLogParser.FIELD_NOT_UTF8);
        // reversible: the kept field decodes in the log's own charset to what the shop wrote
        assertThat(new String(bytesOf(access.referrer().substring("http://shop.example/".length())),
                Charset.forName("windows-1251"))).isEqualTo("Поиск");
        for (String field : List.of(access.path(), access.referrer())) {
            assertThat(field.chars()).noneMatch(c -> c >= 0x80 && c <= 0x9f);
        }
    }

    @Test
    void aNoResponseSizeAndAnUndecodedFieldAreBothTolerated() {
        var result = (AccessLogParser.Parsed) parser.parse("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\""
                + " 304 - \"-\" \"caf\\xe9\"");
        assertThat(result.tolerated()).containsExactly(AccessLogParser.NO_RESPONSE_SIZE, AccessLogParser.FIELD_NOT_UTF8);
        assertThat(result.event().client().userAgent()).isEqualTo("caf\\xe9");
    }

    /**
     * The public Apache sample with non-ASCII text put into it as servers log it: every 7th line's user agent in
     * UTF-8 (Apache's escapes), every 11th line's referrer in Windows-1251, every 13th line's path in UTF-8 (Nginx's
     * escapes). Every line still parses, each to what was put in, and only the legacy fields are marked.
     */
    @Test
    void thePublicSampleWithNonAsciiFieldsParsesToTheTextThatWasLogged() throws Exception {
        var line = java.util.regex.Pattern.compile("^(\\S+ \\S+ \\S+ \\[[^\\]]+\\] \"[A-Z]+ )(\\S+)( [^\"]*\" \\d{3} \\S+ \")"
                + "([^\"]*)(\" \")([^\"]*)(\".*)$");
        String agent = "Mozilla/5.0 (Linux; Android 14) Яндекс.Браузер … 😀";
        String path = "/каталог/платья?q=été";
        byte[] referrer = "https://магазин.example/поиск".getBytes(Charset.forName("windows-1251"));
        int n = 0, matched = 0, changed = 0, undecoded = 0;
        for (String text : java.nio.file.Files.readAllLines(io.ecomlog.testing.SampleData.file(
                io.ecomlog.testing.SampleData.APACHE))) {
            n++;
            var m = line.matcher(text);
            if (!m.matches()) {
                continue; // a line whose quoted fields hold escaped quotes: not worth a pattern of its own here
            }
            matched++;
            boolean ua = n % 7 == 0, ref = n % 11 == 0, target = n % 13 == 0;
            String variant = m.group(1) + (target ? nginx(path) : m.group(2)) + m.group(3)
                    + (ref ? escapeBytes(referrer, true) : m.group(4)) + m.group(5) + (ua ? apache(agent) : m.group(6))
                    + m.group(7);
            var result = parser.parse(variant);
            assertThat(result).as(variant).isInstanceOf(AccessLogParser.Parsed.class);
            var event = ((AccessLogParser.Parsed) result).event();
            var access = (HttpAccess) event.payload();
            if (ua) {
                assertThat(access.userAgent()).isEqualTo(agent);
            }
            if (target) {
                assertThat(access.path()).isEqualTo(path);
            }
            if (ref) {
                assertThat(event.properties().get(AccessLogParser.UNDECODED_FIELDS))
                        .isEqualTo(List.of(AccessLogParser.FIELD_REFERRER));
                undecoded++;
            } else {
                assertThat(event.properties()).doesNotContainKey(AccessLogParser.UNDECODED_FIELDS);
            }
            changed += ua || ref || target ? 1 : 0;
        }
        assertThat(n).isEqualTo(5000);
        assertThat(matched).isGreaterThan(4900);
        assertThat(changed).isGreaterThan(1000);
        assertThat(undecoded).isGreaterThan(400);
    }

    @Property(tries = 400)
    void anyTextEscapedByApacheOrNginxParsesBackToItselfInEveryField(
            @ForAll("pathText") String path, @ForAll("anyText") String referrer, @ForAll("anyText") String agent,
            @ForAll("wordText") String user, @ForAll boolean byNginx) {
        Function<String, String> escape = byNginx ? LogEscapesTest::nginx : LogEscapesTest::apache;
        String line = "203.0.113.9 - " + escape.apply(user) + " [02/Dec/2026:14:00:00 -0500] \"GET /"
                + escape.apply(path) + " HTTP/1.1\" 200 5 \"" + escape.apply(referrer) + "\" \"" + escape.apply(agent)
                + "\"";
        var result = parser.parse(line);
        assertThat(result).as(line).isInstanceOf(AccessLogParser.Parsed.class);
        var event = ((AccessLogParser.Parsed) result).event();
        var access = (HttpAccess) event.payload();
        assertThat(access.path()).isEqualTo("/" + path);
        assertThat(access.referrer()).isEqualTo(referrer);
        assertThat(access.userAgent()).isEqualTo(agent);
        assertThat(access.authuser()).isEqualTo(user);
        assertThat(event.userId()).isEqualTo(user);
        assertThat(event.properties()).doesNotContainKey(AccessLogParser.UNDECODED_FIELDS);
    }

    /** Any Unicode text but the two values that mean "absent". */
    @Provide
    Arbitrary<String> anyText() {
        return text(Arbitraries.integers().between(0, Character.MAX_CODE_POINT)).filter(s -> !s.equals("-"));
    }

    /** What a request target holds: no controls (a server refuses them) and no spaces (they end the target). */
    @Provide
    Arbitrary<String> pathText() {
        return text(Arbitraries.integers().between(0x21, Character.MAX_CODE_POINT).filter(c -> c != 0x7f));
    }

    /** A user name: one field of the line, so no space (Apache escapes every other whitespace). */
    @Provide
    Arbitrary<String> wordText() {
        return text(Arbitraries.integers().between(0, Character.MAX_CODE_POINT).filter(c -> c != ' '))
                .filter(s -> !s.equals("-"));
    }

    private static Arbitrary<String> text(Arbitrary<Integer> codePoints) {
        return codePoints.filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)
                .list().ofMinSize(1).ofMaxSize(24)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString());
    }

    /** As Apache's {@code ap_escape_logitem}: the bytes of the text, C-style whitespace, {@code \xhh} for the rest. */
    static String apache(String text) {
        var out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** As Nginx's {@code escape=default}: {@code "}, {@code \} and bytes below 32 or above 126 as {@code \xHH}. */
    static String nginx(String text) {
        return escapeBytes(text.getBytes(StandardCharsets.UTF_8), false);
    }

    private static String escapeBytes(byte[] bytes, boolean lowerCase) {
        var out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
                out.append(String.format(lowerCase ? "\\x%02x" : "\\x%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    private static byte[] bytesOf(String escaped) {
        var out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < escaped.length(); i++) {
            if (escaped.startsWith("\\x", i)) {
                out.write(Integer.parseInt(escaped.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.write(escaped.charAt(i));
            }
        }
        return out.toByteArray();
    }

    private EcomEvent parsed(String line) {
        var result = parser.parse(line);
        assertThat(result).as(line).isInstanceOf(AccessLogParser.Parsed.class);
        return ((AccessLogParser.Parsed) result).event();
    }

}
