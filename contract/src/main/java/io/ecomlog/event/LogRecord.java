package io.ecomlog.event;

/**
 * Payload of {@code log}: one plain log line, as the Logback and Log4j2 adapters produce it. Its MDC goes to the
 * envelope's {@code mdc}. Needs a message.
 *
 * @param level        e.g. {@code "WARN"}
 * @param logger       the logger name
 * @param thread       the thread name
 * @param message      the formatted message (required)
 * @param errorClass   class of the attached throwable
 * @param errorMessage message of the attached throwable
 * @param stackTrace   stack trace of the attached throwable
 */
public record LogRecord(String level, String logger, String thread, String message, String errorClass,
                        String errorMessage, String stackTrace) implements EventPayload {

    /** Cleans invalid UTF-16 out of every string. */
    public LogRecord {
        level = Text.clean(level);
        logger = Text.clean(logger);
        thread = Text.clean(thread);
        message = Text.clean(message);
        errorClass = Text.clean(errorClass);
        errorMessage = Text.clean(errorMessage);
        stackTrace = Text.clean(stackTrace);
    }

    /** A builder for a line with this level and message. */
    public static Builder builder(String level, String message) {
        return new Builder(level, message);
    }

    int jsonSize() {
        return JsonSize.string("level", level) + JsonSize.string("logger", logger)
                + JsonSize.string("thread", thread) + JsonSize.string("message", message)
                + JsonSize.string("error_class", errorClass) + JsonSize.string("error_message", errorMessage)
                + JsonSize.string("stack_trace", stackTrace);
    }

    /** Fluent builder for {@link LogRecord}. */
    public static final class Builder {
        private final String level;
        private final String message;
        private String logger;
        private String thread;
        private String errorClass;
        private String errorMessage;
        private String stackTrace;

        private Builder(String level, String message) {
            this.level = level;
            this.message = message;
        }

        public Builder logger(String logger) {
            this.logger = logger;
            return this;
        }

        public Builder thread(String thread) {
            this.thread = thread;
            return this;
        }

        /** Class, message and stack trace of {@code error}, the stack bounded by the defaults of {@link Events}. */
        public Builder error(Throwable error) {
            return error(error, Events.DEFAULT_MAX_STACK_FRAMES, Events.DEFAULT_MAX_STACK_BYTES);
        }

        /** Class, message and stack trace of {@code error}, the stack cut at {@code maxFrames} or {@code maxBytes}. */
        public Builder error(Throwable error, int maxFrames, int maxBytes) {
            this.errorClass = error == null ? null : error.getClass().getName();
            this.errorMessage = error == null ? null : Events.messageOf(error);
            this.stackTrace = StackTraces.format(error, maxFrames, maxBytes);
            return this;
        }

        public Builder errorClass(String errorClass) {
            this.errorClass = errorClass;
            return this;
        }

        public Builder errorMessage(String errorMessage) {
            this.errorMessage = errorMessage;
            return this;
        }

        public Builder stackTrace(String stackTrace) {
            this.stackTrace = stackTrace;
            return this;
        }

        public LogRecord build() {
            return new LogRecord(level, logger, thread, message, errorClass, errorMessage, stackTrace);
        }
    }
}
