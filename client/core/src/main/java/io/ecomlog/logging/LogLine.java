package io.ecomlog.logging;

import java.time.Instant;
import java.util.Map;

/**
 * One logging event, reduced to what ecomlog maps, independent of the logging framework it came from.
 *
 * @param time         when it was logged
 * @param level        e.g. {@code "WARN"}
 * @param logger       the logger name
 * @param thread       the thread name
 * @param message      the formatted message
 * @param error        the attached throwable, when the framework still has it
 * @param errorClass   class name of the attached throwable when only its description survived (else null)
 * @param errorMessage message of that throwable (else null)
 * @param stackTrace   formatted stack trace of that throwable (else null)
 * @param mdc          the MDC / ThreadContext map (may be empty, never null)
 * @param keyValues    structured key-value pairs (SLF4J 2 fluent API), may be empty, never null
 */
public record LogLine(Instant time, String level, String logger, String thread, String message, Throwable error,
                      String errorClass, String errorMessage, String stackTrace, Map<String, String> mdc,
                      Map<String, Object> keyValues) {

    public LogLine {
        mdc = mdc == null ? Map.of() : mdc;
        keyValues = keyValues == null ? Map.of() : keyValues;
    }

    /** A rough size of the event this line becomes, to bound the client's queue before it is built. */
    public int estimatedSize() {
        return estimatedSize(message == null ? 0 : message.length(), error != null,
                stackTrace == null ? 0 : stackTrace.length(), mdc.size(), keyValues.size());
    }

    /**
     * The same estimate before the line exists (for a line built later, on the client's thread).
     *
     * @param messageLength the message's length, or an estimate of it
     * @param error         whether a throwable is attached, whose stack trace is built later
     * @param stackTrace    the length of a stack trace already formatted (0 if none)
     */
    public static int estimatedSize(int messageLength, boolean error, int stackTrace, int mdcEntries, int keyValues) {
        int size = 300 + messageLength + stackTrace;
        if (error) {
            size += 2_000; // a bounded stack trace, built later
        }
        // a flat allowance per MDC entry and key-value pair: walking the map would cost the logging thread more
        return size + 48 * mdcEntries + 32 * keyValues;
    }

    /** Whether a throwable (or its description) is attached. */
    public boolean hasError() {
        return error != null || errorClass != null;
    }
}
