package io.ecomlog.transport;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.Locale;

/**
 * The one classification of AWS failures into {@link FailureKind}s, for every transport: what the SDK threw
 * (Kinesis, Firehose, S3) and the error codes of single records (Kinesis and Firehose batch entries, the KPL's
 * attempts). The rules, in order, decide by the error code's words, since the services and the KPL spell the same
 * condition differently ({@code ProvisionedThroughputExceededException}, {@code SlowDown}, {@code Expired}):
 * <ol>
 *   <li>slow down: throttling, throughput or limits exceeded, {@code SlowDown}, {@code ServiceUnavailable*} (AWS
 *       documents it as "back off and retry" for Kinesis, Firehose and S3), a KPL record that expired in its
 *       queue → {@link FailureKind#THROTTLED};</li>
 *   <li>the request itself is wrong (missing stream or bucket, access, signature, validation, KMS key) →
 *       {@link FailureKind#CLIENT_ERROR}, never retried;</li>
 *   <li>internal failures and 5xx → {@link FailureKind#SERVER_ERROR};</li>
 *   <li>no code, or words of a connection or a timeout → {@link FailureKind#NETWORK};</li>
 *   <li>any other code → {@link FailureKind#SERVER_ERROR}: kept and retried until its TTL, then backed up.</li>
 * </ol>
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static FailureKind classify(Throwable error) {
        if (error instanceof AwsServiceException service) {
            if (service.isThrottlingException() || service.statusCode() == 429) {
                return FailureKind.THROTTLED;
            }
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            FailureKind byCode = known(code, "");
            if (byCode != null) {
                return byCode;
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

    /** The error code (and message) of one record that was not taken. */
    public static FailureKind classifyErrorCode(String code, String message) {
        FailureKind kind = known(code, message);
        if (kind != null) {
            return kind;
        }
        String m = lower(message);
        if (lower(code).isBlank() || m.contains("connect") || m.contains("reset") || m.contains("refused")
                || m.contains("timed out") || m.contains("timeout") || m.contains("broken pipe")) {
            return FailureKind.NETWORK;
        }
        return FailureKind.SERVER_ERROR;
    }

    public static FailureKind classifyErrorCode(String code) {
        return classifyErrorCode(code, null);
    }

    /** The kind a code's (or message's) words name, or null when they name none. */
    private static FailureKind known(String code, String message) {
        String c = lower(code);
        String m = lower(message);
        if (c.contains("throttl") || c.contains("provisionedthroughput") || c.contains("exceeded")
                || c.contains("slowdown") || c.contains("serviceunavailable") || c.contains("expired")
                || m.contains("rate exceeded") || m.contains("expiration reached")) {
            return FailureKind.THROTTLED;
        }
        if (c.contains("resourcenotfound") || c.contains("nosuch") || c.contains("accessdenied")
                || c.contains("validation") || c.contains("invalid") || c.contains("unrecognizedclient")
                || c.contains("signature") || c.contains("kms") || c.contains("notauthorized")
                || c.contains("missingauthentication") || c.contains("resourceinuse")) {
            return FailureKind.CLIENT_ERROR;
        }
        if (c.contains("internalfailure") || c.contains("internalerror") || c.contains("internalserver")
                || c.startsWith("5")) {
            return FailureKind.SERVER_ERROR;
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
