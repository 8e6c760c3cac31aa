package io.ecomlog.reader;

import java.nio.charset.StandardCharsets;

/**
 * Input that could not be used, with a reason to count by (a short stable label such as {@code "not JSON"}), a
 * detail for people, and an excerpt of the input (at most {@value #MAX_EXCERPT} characters, invalid UTF-8
 * replaced) to quarantine next to the reason without copying a huge line whole.
 */
public record Rejection(String reason, String detail, String excerpt) {

    public static final int MAX_EXCERPT = 2048;

    public static Rejection of(String reason, String detail, byte[] input) {
        int length = Math.min(input.length, MAX_EXCERPT);
        return new Rejection(reason, detail, new String(input, 0, length, StandardCharsets.UTF_8));
    }

    public static Rejection of(String reason, String detail, String input) {
        return new Rejection(reason, detail, input.length() <= MAX_EXCERPT ? input : input.substring(0, MAX_EXCERPT));
    }
}
