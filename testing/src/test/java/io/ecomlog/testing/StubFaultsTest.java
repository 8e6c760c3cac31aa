package io.ecomlog.testing;

import io.ecomlog.testing.StubFaults.Action;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StubFaultsTest {

    private final StubFaults faults = new StubFaults("DefaultCode");

    private Action next(String stream) {
        return faults.decide(stream).action();
    }

    @Test
    void countedFaultsRunOutInOrderOfPrecedence() {
        faults.failEveryOtherEntry("s");
        faults.serverError("s", 1);
        faults.connectionReset("s", 2);
        faults.latency("s", Duration.ofMillis(40));

        assertThat(next("s")).isEqualTo(Action.CONNECTION_RESET);
        assertThat(next("s")).isEqualTo(Action.CONNECTION_RESET);
        assertThat(next("s")).isEqualTo(Action.SERVER_ERROR);
        StubFaults.Decision partial = faults.decide("s");
        assertThat(partial.action()).isEqualTo(Action.PARTIAL_FAILURE);
        assertThat(partial.errorCode()).isEqualTo("DefaultCode");
        assertThat(partial.delayMillis()).isEqualTo(40);
        assertThat(next("other")).isEqualTo(Action.PASS);
    }

    @Test
    void anOutageWinsUntilHealed() {
        faults.serverError("s", 5);
        faults.outage("s", OutageMode.CONNECTION_RESET);
        faults.outage("t");

        assertThat(next("s")).isEqualTo(Action.CONNECTION_RESET);
        assertThat(next("t")).isEqualTo(Action.SERVER_ERROR);
        assertThat(faults.hasFault("s")).isTrue();

        faults.heal("s");

        assertThat(faults.hasFault("s")).isFalse();
        assertThat(faults.decide("s")).isEqualTo(StubFaults.Decision.PASS);
        assertThat(next("t")).isEqualTo(Action.SERVER_ERROR);
    }

    @Test
    void explicitErrorCodeAndBadArguments() {
        faults.failEveryOtherEntry("s", "Custom");
        assertThat(faults.decide("s").errorCode()).isEqualTo("Custom");

        assertThatThrownBy(() -> faults.serverError("s", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.latency("s", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.outage("s", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> faults.heal(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theFirehoseStubThrottlesWithServiceUnavailableByDefault() {
        StubFaults firehose = FirehoseStub.shared().faults();
        String stream = FirehoseStub.shared().uniqueDeliveryStreamName("faults-default");
        firehose.failEveryOtherEntry(stream);
        try {
            assertThat(firehose.decide(stream).errorCode()).isEqualTo("ServiceUnavailableException");
        } finally {
            firehose.heal(stream);
        }
    }
}
