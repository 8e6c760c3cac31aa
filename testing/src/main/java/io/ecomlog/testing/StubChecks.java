package io.ecomlog.testing;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checks shared by {@link FirehoseStubTest} and {@link KinesisFaultStubTest}. */
final class StubChecks {

    private StubChecks() {
    }

    /** How long {@code call} took. */
    static Duration timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * {@code call} fails with the stub's injected HTTP 500 ({@link StubFaults#serverError} or an
     * {@link OutageMode#SERVER_ERROR} outage), seen by the SDK as a {@code type} exception.
     */
    static <E extends AwsServiceException> void assertInjectedServerError(Class<E> type, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(type, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
            assertThat(e.awsErrorDetails().errorMessage()).contains("injected server error");
        });
    }

    /**
     * {@code call} fails without an answer ({@link StubFaults#connectionReset} or an
     * {@link OutageMode#CONNECTION_RESET} outage): a client-side exception, not a service one.
     */
    static void assertConnectionReset(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(SdkClientException.class)
                .isNotInstanceOf(SdkServiceException.class);
    }
}
