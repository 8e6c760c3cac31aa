package io.ecomlog.access;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a field back from the escaped form web servers log it in. Both servers escape bytes, not characters:
 * <ul>
 *   <li>Apache's {@code mod_log_config} writes {@code "} and {@code \} as {@code \"} and {@code \\}, whitespace
 *       controls C-style ({@code \n}, {@code \t}, {@code \r}, {@code \b}, {@code \v}), and every other byte outside
 *       printable ASCII — each byte of a UTF-8 character among them — as {@code \xhh};</li>
 *   <li>Nginx ({@code escape=default}) writes {@code "}, {@code \} and every byte below 32 or above 126 as
 *       {@code \xHH}; with {@code escape=json}, JSON's escapes (four-digit unicode ones among them) and UTF-8 as
 *       it is.</li>
 * </ul>
 * So a run of escapes is decoded to bytes and the bytes as UTF-8. Where they are not UTF-8 (old logs in
 * Windows-1251 or Latin-1), guessing the charset would be wrong as often as right: {@link #decode} says so with
 * null and the caller keeps the field as logged, which is reversible by whoever knows the log's charset.
 *
 * <p>Written here rather than taken from a library: no library reads both servers' escapes, and the decoding must
 * fail (not substitute) on bytes that are not UTF-8.
 */
final class LogEscapes {

    private LogEscapes() {
    }

    /** The text the logged field stands for, or null when its escaped bytes are not UTF-8. */
    static String decode(String logged) {
        if (logged.indexOf('\\') < 0) {
            return logged;
        }
        var bytes = new ByteArrayOutputStream(logged.length());
        int i = 0;
        while (i < logged.length()) {
            char c = logged.charAt(i);
            if (c == '\\' && i + 1 < logged.length()) {
                int escaped = escapedByte(logged, i + 1);
                if (escaped >= 0) {
                    bytes.write(escaped);
                    i += logged.charAt(i + 1) == 'x' ? 4 : 2;
                    continue;
                }
                if (logged.charAt(i + 1) == 'u' && hexAt(logged, i + 2, 4) >= 0) {
                    appendUtf8(bytes, hexAt(logged, i + 2, 4));
                    i += 6;
                    continue;
                }
            }
            // an unknown escape or a character written as it is (raw UTF-8 read as text)
            int codePoint = logged.codePointAt(i);
            appendUtf8(bytes, codePoint);
            i += Character.charCount(codePoint);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    /** The byte that the escape starting after a backslash at {@code at} stands for, or -1. */
    private static int escapedByte(String s, int at) {
        return switch (s.charAt(at)) {
            case '"' -> '"';
            case '\\' -> '\\';
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'v' -> 0x0b;
            case 'f' -> '\f';
            case 'x' -> hexAt(s, at + 1, 2);
            default -> -1;
        };
    }

    /** The value of {@code digits} hex digits at {@code at}, or -1. */
    private static int hexAt(String s, int at, int digits) {
        if (at + digits > s.length()) {
            return -1;
        }
        int value = 0;
        for (int k = at; k < at + digits; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            value = value * 16 + d;
        }
        return value;
    }

    private static void appendUtf8(ByteArrayOutputStream bytes, int codePoint) {
        if (codePoint < 0x80) {
            bytes.write(codePoint);
        } else {
            bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
        }
    }
}
