package io.ecomlog.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Formats a throwable like {@link Throwable#printStackTrace()}, with its "Caused by:" chain and the frames a cause
 * shares with the trace that encloses it elided as {@code ... N more}, but bounded: the frame budget is shared
 * across the chain, so a deep top-level trace cannot hide the causes, and the text never exceeds the byte budget
 * (a trace cut for bytes ends with {@value #TRUNCATED}).
 */
final class StackTraces {

    static final String TRUNCATED = "\t... (truncated)";

    private StackTraces() {
    }

    static String format(Throwable t, int maxFrames, int maxBytes) {
        if (maxFrames < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("maxFrames and maxBytes must not be negative, were "
                    + maxFrames + " and " + maxBytes);
        }
        if (t == null) {
            return null;
        }
        List<Throwable> chain = causeChain(t, Math.max(1, maxFrames));
        int perThrowable = Math.max(1, maxFrames / chain.size());
        int remaining = maxFrames;
        var out = new BoundedText(maxBytes);
        StackTraceElement[] enclosing = new StackTraceElement[0];
        for (int i = 0; i < chain.size(); i++) {
            Throwable cur = chain.get(i);
            StackTraceElement[] frames = cur.getStackTrace();
            int unique = frames.length - framesInCommon(frames, enclosing);
            int shown = Math.min(Math.min(unique, perThrowable), remaining);
            if (!out.line((i == 0 ? "" : "Caused by: ") + describe(cur))) {
                return out.truncated();
            }
            for (int f = 0; f < shown; f++) {
                if (!out.line("\tat " + frames[f])) {
                    return out.truncated();
                }
            }
            remaining -= shown;
            if (shown < frames.length && !out.line("\t... " + (frames.length - shown) + " more")) {
                return out.truncated();
            }
            enclosing = frames;
        }
        return out.toString();
    }

    /** The throwable and its causes, each once (cause chains can be cyclic), at most {@code max} of them. */
    private static List<Throwable> causeChain(Throwable t, int max) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var chain = new ArrayList<Throwable>();
        for (Throwable cur = t; cur != null && chain.size() < max && seen.add(cur); cur = cur.getCause()) {
            chain.add(cur);
        }
        return chain;
    }

    /** Frames at the bottom of {@code frames} that the enclosing trace has too, as printStackTrace counts them. */
    private static int framesInCommon(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int m = frames.length - 1;
        int n = enclosing.length - 1;
        while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
            m--;
            n--;
        }
        return frames.length - 1 - m;
    }

    /** {@code Throwable.toString()}, which calls an overridable {@code getMessage()} that may itself throw. */
    static String describe(Throwable t) {
        try {
            return t.toString();
        } catch (RuntimeException e) {
            return t.getClass().getName();
        }
    }

    /** Lines joined by LF within a byte budget that always leaves room for the truncation marker. */
    private static final class BoundedText {
        private static final int MARKER_BYTES = TRUNCATED.length() + 1;
        private final StringBuilder text = new StringBuilder(256);
        private final int maxBytes;
        private int bytes;

        BoundedText(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        boolean line(String line) {
            int separator = text.length() == 0 ? 0 : 1;
            int lineBytes = utf8Length(line);
            if (bytes + separator + lineBytes + MARKER_BYTES <= maxBytes) {
                append(line, separator, lineBytes);
                return true;
            }
            if (text.length() == 0) {
                // not even the first line fits: keep as much of it as the budget allows
                String head = cut(line, maxBytes - MARKER_BYTES);
                append(head, 0, utf8Length(head));
            }
            return false;
        }

        private void append(String line, int separator, int lineBytes) {
            if (separator == 1) {
                text.append('\n');
            }
            text.append(line);
            bytes += separator + lineBytes;
        }

        String truncated() {
            if (bytes + MARKER_BYTES <= maxBytes) {
                text.append(text.length() == 0 ? "" : "\n").append(TRUNCATED);
            }
            return text.toString();
        }

        @Override
        public String toString() {
            return text.toString();
        }

        private static String cut(String s, int budget) {
            int used = 0;
            int i = 0;
            while (i < s.length()) {
                int cp = s.codePointAt(i);
                int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (used + len > budget) {
                    break;
                }
                used += len;
                i += Character.charCount(cp);
            }
            return s.substring(0, i);
        }

        private static int utf8Length(String s) {
            int n = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    n += 1;
                } else if (c < 0x800) {
                    n += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    n += 4;
                    i++;
                } else {
                    n += 3;
                }
            }
            return n;
        }
    }
}
