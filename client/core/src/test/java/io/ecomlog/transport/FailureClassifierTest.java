package io.ecomlog.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;

/** One table of the error codes every transport meets, and what each means to the pipeline. */
class FailureClassifierTest {

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // Kinesis PutRecords entries and exceptions
            "ProvisionedThroughputExceededException | Rate exceeded for shard shardId-000 | THROTTLED",
            "LimitExceededException                 |                                     | THROTTLED",
            "KMSThrottlingException                 |                                     | THROTTLED",
            "InternalFailure                        |                                     | SERVER_ERROR",
            "ResourceNotFoundException              | Stream x not found                  | CLIENT_ERROR",
            "KMSAccessDeniedException               |                                     | CLIENT_ERROR",
            "KMSDisabledException                   |                                     | CLIENT_ERROR",
            "ValidationException                    |                                     | CLIENT_ERROR",
            // Firehose PutRecordBatch entries: "back off and retry"
            "ServiceUnavailableException            | Slow down.                          | THROTTLED",
            "InternalFailureException               |                                     | SERVER_ERROR",
            "InvalidArgumentException               |                                     | CLIENT_ERROR",
            // S3
            "SlowDown                               | Please reduce your request rate.    | THROTTLED",
            "ServiceUnavailable                     |                                     | THROTTLED",
            "InternalError                          |                                     | SERVER_ERROR",
            "NoSuchBucket                           |                                     | CLIENT_ERROR",
            "AccessDenied                           |                                     | CLIENT_ERROR",
            "InvalidAccessKeyId                     |                                     | CLIENT_ERROR",
            "SignatureDoesNotMatch                  |                                     | CLIENT_ERROR",
            // the KPL's attempts
            "Expired                                | Expiration reached while waiting in queue | THROTTLED",
            "Exception                              | connection reset                    | NETWORK",
            "Exception                              | Request timed out                   | NETWORK",
            "null                                   | null                                | NETWORK",
            "500                                    |                                     | SERVER_ERROR",
            // a code no rule knows: kept and retried until its TTL, then backed up
            "SomethingNewException                  |                                     | SERVER_ERROR",
    })
    void errorCodes(String code, String message, FailureKind expected) {
        assertThat(FailureClassifier.classifyErrorCode(code, message)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "400 | ProvisionedThroughputExceededException | THROTTLED",
            "400 | ThrottlingException                    | THROTTLED",
            "429 | TooManyRequests                        | THROTTLED",
            "503 | ServiceUnavailableException            | THROTTLED",
            "503 | SlowDown                               | THROTTLED",
            "500 | InternalFailure                        | SERVER_ERROR",
            "502 | BadGateway                             | SERVER_ERROR",
            "400 | ResourceNotFoundException              | CLIENT_ERROR",
            "403 | AccessDeniedException                  | CLIENT_ERROR",
            "400 | SomethingNewException                  | CLIENT_ERROR",
    })
    void serviceExceptions(int status, String code, FailureKind expected) {
        var error = AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
        assertThat(FailureClassifier.classify(error)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Unable to execute HTTP request: Connection refused", "Read timed out"})
    void whatNeverReachedTheServiceIsANetworkFailure(String message) {
        assertThat(FailureClassifier.classify(SdkClientException.create(message))).isEqualTo(FailureKind.NETWORK);
    }
}
