package io.ecomlog.backend.cdk;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every AWS call a client makes as the IAM action and resource ARN it needs, for checking a role's policy
 * against what the code really calls. Added to the clients a handler under test gets: as an SDK interceptor, or
 * around the HTTP client that carries the signed requests to an OpenSearch domain.
 */
final class CallRecorder implements ExecutionInterceptor {

    /** One call: the IAM action ({@code dynamodb:PutItem}) and the ARN of the resource it acts on. */
    record Call(String action, String resource) {
        @Override
        public String toString() {
            return action + " on " + resource;
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The failed calls' errors, for failure messages. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * {@code delegate} with every request recorded as the OpenSearch Service action it needs: {@code es:ESHttp<Method>}
     * on {@code <domain ARN>/<path>} (the domain's fine-grained IAM model for HTTP requests).
     */
    SdkHttpClient openSearchDomain(String domainArn, SdkHttpClient delegate) {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                String method = request.httpRequest().method().name();
                calls.add(new Call("es:ESHttp" + method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT),
                        domainArn + request.httpRequest().encodedPath()));
                return delegate.prepareRequest(request);
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        failures.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + ": " + context.exception());
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(Locale.ROOT);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.addAll(callsOf(service, operation, context.request()));
    }

    private static List<Call> callsOf(String service, String operation, SdkRequest request) {
        String region = Deployed.REGION;
        String account = Deployed.ACCOUNT;
        var out = new ArrayList<Call>();
        switch (service) {
            case "dynamodb" -> {
                var tables = new ArrayList<String>();
                field(request, "TableName").ifPresent(tables::add);
                request.getValueForField("RequestItems", Map.class).ifPresent(items -> items.keySet()
                        .forEach(t -> tables.add((String) t)));
                String index = field(request, "IndexName").map(i -> "/index/" + i).orElse("");
                tables.forEach(t -> out.add(new Call("dynamodb:" + operation,
                        "arn:aws:dynamodb:" + region + ":" + account + ":table/" + t + index)));
            }
            case "s3" -> {
                String bucket = field(request, "Bucket").orElseThrow();
                String key = field(request, "Key").orElse(null);
                out.add(new Call("s3:" + s3Action(operation),
                        "arn:aws:s3:::" + bucket + (key == null ? "" : "/" + key)));
            }
            case "sns" -> out.add(new Call("sns:" + operation, field(request, "TopicArn").orElseThrow()));
            case "kinesis" -> out.add(new Call("kinesis:" + operation, field(request, "StreamARN").orElseGet(() ->
                    "arn:aws:kinesis:" + region + ":" + account + ":stream/" + field(request, "StreamName")
                            .orElseThrow())));
            case "firehose" -> out.add(new Call("firehose:" + operation, "arn:aws:firehose:" + region + ":" + account
                    + ":deliverystream/" + field(request, "DeliveryStreamName").orElseThrow()));
            default -> throw new AssertionError("no IAM mapping for " + service + "." + operation);
        }
        return out;
    }

    /** S3 operations authorized by another action (the multipart upload steps are s3:PutObject). */
    private static String s3Action(String operation) {
        return switch (operation) {
            case "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" -> "PutObject";
            case "AbortMultipartUpload" -> "AbortMultipartUpload";
            case "HeadObject" -> "GetObject";
            case "ListObjectsV2" -> "ListBucket";
            default -> operation;
        };
    }

    private static java.util.Optional<String> field(SdkRequest request, String name) {
        return request.getValueForField(name, String.class);
    }
}
