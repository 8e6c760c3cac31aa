package io.ecomlog.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from encoded events before anything leaves the process: payment card numbers (13–19 digits,
 * spaces or dashes allowed, confirmed by the Luhn check), e-mail addresses, and optionally the last part of IP
 * addresses. It works on the encoded JSON line, so typed events, appender lines and JSON from foreign encoders are all
 * covered by one piece of code; it runs on the dispatcher thread, never on the caller's.
 *
 * <p>Card numbers are not looked for in fields whose name ends in {@code _id} (REES46 category ids, for one, are
 * 19-digit numbers that can pass the Luhn check); e-mail addresses and IPs are looked for everywhere. A line is parsed
 * only when a cheap byte scan finds a candidate (for cards: a digit run that passes the Luhn check), so lines without
 * one cost a single pass over their bytes.
 *
 * <p>Hand-written because the redaction libraries around are either regex-only (no Luhn, false positives on ids) or
 * pull in NLP models; this is a few dozen lines on Jackson's streaming parser, which the codec already uses.
 */
public final class PiiRedactor {

    /** What a redacted card number becomes: the last four digits stay, as on a receipt. */
    static final String CARD_MASK = "[card ****%s]";
    static final String EMAIL_MASK = "[email]";

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9.])((?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\."
                    + "(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9]))\\.(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(?![0-9.])");

    private static final JsonFactory JSON = new JsonFactory();

    private final boolean cards;
    private final boolean emails;
    private final boolean truncateIps;
    private final LongAdder redactions = new LongAdder();

    private PiiRedactor(boolean cards, boolean emails, boolean truncateIps) {
        this.cards = cards;
        this.emails = emails;
        this.truncateIps = truncateIps;
    }

    /** The default: card numbers redacted, e-mail addresses and IPs kept. */
    public static PiiRedactor defaults() {
        return new PiiRedactor(true, false, false);
    }

    /** Nothing redacted. */
    public static PiiRedactor none() {
        return new PiiRedactor(false, false, false);
    }

    /**
     * @param cards       replace Luhn-valid card numbers by their last four digits
     * @param emails      replace e-mail addresses
     * @param truncateIps replace the last octet of IPv4 addresses by 0
     */
    public static PiiRedactor of(boolean cards, boolean emails, boolean truncateIps) {
        return new PiiRedactor(cards, emails, truncateIps);
    }

    public boolean isActive() {
        return cards || emails || truncateIps;
    }

    /** Values replaced so far. */
    public long redactions() {
        return redactions.sum();
    }

    /**
     * The line with personal data replaced, or the same array when there was nothing to replace. A line that is not
     * valid JSON is returned unchanged (the pipeline rejects it elsewhere).
     */
    public byte[] redact(byte[] jsonLine) {
        if (!isActive() || !mayContainPii(jsonLine)) {
            return jsonLine;
        }
        try {
            return rewrite(jsonLine);
        } catch (IOException e) {
            return jsonLine;
        }
    }

    /**
     * One pass over the bytes: a card-number candidate in a string value of a field not named {@code *_id} (13–19
     * digits, single spaces or dashes between them, passing the Luhn check), an '@', or a dotted quad. A superset of
     * what {@link #rewrite} can change, so that most lines (ids, timestamps and prices are digit runs too) are never
     * parsed.
     */
    boolean mayContainPii(byte[] line) {
        var text = new Ascii(line);
        int n = line.length;
        boolean lastStringEndsInId = false;
        byte lastOutside = 0; // the last byte outside strings that is not white space
        int i = 0;
        while (i < n) {
            byte b = line[i++];
            if (b != '"') {
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    lastOutside = b;
                }
                continue;
            }
            // a string (a name or a value) from i to its closing quote: most of a line's bytes, so the loop is lean
            boolean scanCards = cards && !(lastOutside == ':' && lastStringEndsInId); // not in the value of a *_id
            int dots = 0;
            // the current run of digits joined by single spaces or dashes: no card can start in a run of fewer than
            // 13 digits, so the Luhn walk runs only in runs that reach 13 (timestamps, prices and such never do)
            int runStart = 0;
            int runDigits = 0;
            for (; i < n; i++) {
                b = line[i];
                if (b == '"') {
                    break;
                } else if (b == '\\') {
                    i++; // the escaped character (a quote, say) does not end the string
                } else if (b > '9') {
                    if (b == '@' && emails) {
                        return true;
                    }
                } else if (b >= '0') {
                    if (scanCards) {
                        boolean groupStart = !isDigit(line[i - 1]);
                        if (!groupStart || isSeparator(line[i - 1]) && isDigit(line[i - 2])) {
                            runDigits++;
                        } else {
                            runStart = i;
                            runDigits = 1;
                        }
                        if (runDigits == 13 && anyCardFrom(text, runStart, i)
                                || runDigits > 13 && groupStart && cardEnd(text, i) > 0) {
                            return true;
                        }
                    }
                } else if (b == '.' && truncateIps && ++dots >= 3) {
                    return true;
                }
            }
            lastStringEndsInId = i < n && i >= 3 && line[i - 3] == '_' && line[i - 2] == 'i' && line[i - 1] == 'd';
            i++; // the closing quote
            lastOutside = '"';
        }
        return false;
    }

    /** Whether a card number starts at a digit-group start in {@code from..to}. */
    private static boolean anyCardFrom(Ascii text, int from, int to) {
        for (int j = from; j <= to; j++) {
            if (isDigit(text.charAt(j)) && !isDigit(text.charAt(j - 1)) && cardEnd(text, j) > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSeparator(byte b) {
        return b == ' ' || b == '-';
    }

    /**
     * The end (exclusive) of the longest card number starting at {@code start}, or -1: 13–19 digits with at most one
     * space or dash between two digits, no digit right after the last, passing the Luhn check. Called where a digit
     * follows a non-digit, it finds a card wherever it stands among other digit groups (a date before it, say).
     */
    private static int cardEnd(CharSequence text, int start) {
        int count = 0;
        int sum = 0; // the Luhn sum so far, and the sum were every digit doubled the other way round
        int flipped = 0;
        int end = -1;
        int i = start;
        while (i < text.length() && isDigit(text.charAt(i)) && count < 19) {
            int d = text.charAt(i) - '0';
            int next = d + flipped; // the new digit is the last one: not doubled; every earlier one flips
            flipped = doubled(d) + sum;
            sum = next;
            count++;
            i++;
            boolean groupEnds = i >= text.length() || !isDigit(text.charAt(i));
            if (groupEnds && count >= 13 && sum % 10 == 0) {
                end = i;
            }
            if (i + 1 < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '-')
                    && isDigit(text.charAt(i + 1))) {
                i++; // one separator between two digits keeps the candidate going
            }
        }
        return end;
    }

    /** A line's bytes read as characters: enough for digits, spaces and dashes. */
    private record Ascii(byte[] bytes) implements CharSequence {
        @Override
        public int length() {
            return bytes.length;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return subSequence(0, bytes.length).toString();
        }
    }

    private static int doubled(int digit) {
        return digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The line parsed and written again with its string values redacted; the same array when nothing changed. */
    byte[] rewrite(byte[] line) throws IOException {
        var out = new ByteArrayOutputStream(line.length + 16);
        boolean changed = false;
        try (JsonParser parser = JSON.createParser(line); var generator = JSON.createGenerator(out)) {
            String field = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> {
                        field = parser.currentName();
                        generator.writeFieldName(field);
                    }
                    case VALUE_STRING -> {
                        var value = parser.getText();
                        var redacted = redactValue(field, value);
                        changed |= !redacted.equals(value);
                        generator.writeString(redacted);
                    }
                    default -> generator.copyCurrentEvent(parser);
                }
            }
        }
        return changed ? out.toByteArray() : line;
    }

    private String redactValue(String field, String value) {
        var result = value;
        if (cards && (field == null || !field.endsWith("_id"))) {
            result = redactCards(result);
        }
        if (emails) {
            result = replace(EMAIL, result, m -> EMAIL_MASK);
        }
        if (truncateIps) {
            result = replace(IPV4, result, m -> m.group(1) + ".0");
        }
        return result;
    }

    /** Every card number ({@link #cardEnd}) in the value masked to its last four digits. */
    private String redactCards(String value) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < value.length(); i++) {
            if (isDigit(value.charAt(i)) && (i == 0 || !isDigit(value.charAt(i - 1)))) {
                int end = cardEnd(value, i);
                if (end > 0) {
                    out = out == null ? new StringBuilder(value.length()) : out;
                    out.append(value, copied, i).append(String.format(CARD_MASK, lastFour(value.substring(i, end))));
                    redactions.increment();
                    copied = end;
                    i = end - 1;
                }
            }
        }
        return out == null ? value : out.append(value, copied, value.length()).toString();
    }

    private String replace(Pattern pattern, String input, Function<Matcher, String> replacement) {
        var matcher = pattern.matcher(input);
        var sb = new StringBuilder(input.length());
        boolean any = false;
        while (matcher.find()) {
            var with = replacement.apply(matcher);
            if (!with.equals(matcher.group())) {
                any = true;
                redactions.increment();
            }
            matcher.appendReplacement(sb, Matcher.quoteReplacement(with));
        }
        if (!any) {
            return input;
        }
        matcher.appendTail(sb);
        return sb.toString();
    }

    /** Whether the whole text is one card number (13–19 digits, single spaces or dashes, Luhn-valid). */
    static boolean luhnValid(String candidate) {
        return cardEnd(candidate, 0) == candidate.length();
    }

    private static String lastFour(String candidate) {
        var digits = candidate.replaceAll("[^0-9]", "");
        return digits.substring(digits.length() - 4);
    }
}
