package io.ecomlog.kpl;

import io.ecomlog.transport.FailureKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The KPL's failure codes mapped to the pipeline's failure kinds; no daemon, no stand-in. */
class KplFailureClassificationTest {

    @Test
    void kplErrorCodesMapToFailureKinds() {
        assertThat(KplDestination.classifyCode("Expired", "Expiration reached while waiting in queue"))
                .isEqualTo(FailureKind.THROTTLED);
        assertThat(KplDestination.classifyCode("ProvisionedThroughputExceededException", "Rate exceeded for shard"))
                .isEqualTo(FailureKind.THROTTLED);
        assertThat(KplDestination.classifyCode("ResourceNotFoundException", "Stream x not found"))
                .isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(KplDestination.classifyCode("AccessDeniedException", "")).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(KplDestination.classifyCode("InternalFailure", "")).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(KplDestination.classifyCode("Exception", "connection reset")).isEqualTo(FailureKind.NETWORK);
        assertThat(KplDestination.classifyCode(null, null)).isEqualTo(FailureKind.NETWORK);
    }
}
