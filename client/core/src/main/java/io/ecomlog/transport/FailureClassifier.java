package io.ecomlog.transport;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns what the AWS SDK threw into a {@link FailureKind}. */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static FailureKind classify(Throwable error) {
        if (error instanceof AwsServiceException service) {
            if (service.isThrottlingException() || service.statusCode() == 429) {
                return FailureKind.THROTTLED;
            }
            if (service.statusCode() >= 500 || service.statusCode() == 0) {
                return FailureKind.SERVER_ERROR;
            }
            return FailureKind.CLIENT_ERROR;
        }
        if (error instanceof SdkClientException) {
            return FailureKind.NETWORK; // connection refused/reset, timeouts, unreadable responses
        }
        return FailureKind.SERVER_ERROR; // unknown: keep the events and let TTL and fall-back decide
    }

    /** Error codes both Kinesis and Firehose use per record. */
    public static FailureKind classifyErrorCode(String code) {
        if (code == null) {
            return FailureKind.SERVER_ERROR;
        }
        return switch (code) {
            case "ProvisionedThroughputExceededException", "ServiceUnavailableException", "ThrottlingException",
                 "KMSThrottlingException", "LimitExceededException" -> FailureKind.THROTTLED;
            case "InternalFailure", "InternalFailureException", "ServiceUnavailable" -> FailureKind.SERVER_ERROR;
            default -> code.startsWith("KMS") ? FailureKind.CLIENT_ERROR : FailureKind.SERVER_ERROR;
        };
    }
}
