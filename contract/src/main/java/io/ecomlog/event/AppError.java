package io.ecomlog.event;

/**
 * Payload of {@code app_error}: an exception the application caught or reported. Needs an error class or a message.
 * {@link Events#appError(Throwable)} fills it from a throwable with a bounded stack trace.
 *
 * @param errorClass   the exception's class name
 * @param errorMessage the exception's message
 * @param stackTrace   the formatted stack trace (bounded when built from a throwable)
 * @param httpStatus   HTTP status answered to the client, 100-599
 * @param endpoint     the endpoint that failed, e.g. {@code "POST /api/orders"}
 * @param requestId    the request id, to join with {@code http_access}
 */
public record AppError(String errorClass, String errorMessage, String stackTrace, Integer httpStatus,
                       String endpoint, String requestId) implements EventPayload {

    /** Cleans invalid UTF-16 out of every string. */
    public AppError {
        errorClass = Text.clean(errorClass);
        errorMessage = Text.clean(errorMessage);
        stackTrace = Text.clean(stackTrace);
        endpoint = Text.clean(endpoint);
        requestId = Text.clean(requestId);
    }

    /** A builder; set an error class or message, or both with {@link Builder#error(Throwable)}. */
    public static Builder builder() {
        return new Builder();
    }

    int jsonSize() {
        return JsonSize.string("error_class", errorClass) + JsonSize.string("error_message", errorMessage)
                + JsonSize.string("stack_trace", stackTrace) + JsonSize.integer("http_status", httpStatus)
                + JsonSize.string("endpoint", endpoint) + JsonSize.string("request_id", requestId);
    }

    /** Fluent builder for {@link AppError}. */
    public static final class Builder {
        private String errorClass;
        private String errorMessage;
        private String stackTrace;
        private Integer httpStatus;
        private String endpoint;
        private String requestId;

        private Builder() {
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

        public Builder httpStatus(Integer httpStatus) {
            this.httpStatus = httpStatus;
            return this;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public AppError build() {
            return new AppError(errorClass, errorMessage, stackTrace, httpStatus, endpoint, requestId);
        }
    }
}
