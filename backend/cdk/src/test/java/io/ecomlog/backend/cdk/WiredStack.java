package io.ecomlog.backend.cdk;

import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.testing.Dynalite;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.Moto;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A synthesized template "deployed" on the stand-ins for the wiring tests: its tables in dynalite exactly as it
 * declares them, its buckets and topics in moto; its functions' environments resolved; the AWS calls each function
 * makes recorded and checked against its role's policies, and what the roles grant beyond those calls explained.
 */
final class WiredStack {

    /** Granted but not called by the handler code, by action: why each stays. */
    static final Map<String, String> KEPT = Map.ofEntries(
            Map.entry("logs:CreateLogStream", "the Lambda runtime writes the function's log with its role"),
            Map.entry("logs:PutLogEvents", "the Lambda runtime writes the function's log with its role"),
            Map.entry("kinesis:*", "the event source mapping reads the stream with the function's role (CDK's "
                    + "grantRead for Kinesis triggers: DescribeStream*, GetRecords, GetShardIterator, ListShards, "
                    + "SubscribeToShard, ListStreams, DescribeStreamConsumer)"),
            Map.entry("kms:Decrypt", "the event source mapping reads the KMS-encrypted stream"),
            Map.entry("kms:GenerateDataKey*", "SNS encrypts what the alerter publishes with the topic's key, on the "
                    + "publisher's permission"),
            Map.entry("sqs:*", "Lambda sends what a trigger gives up on to the dead-letter queue with the function's "
                    + "role (SendMessage, GetQueueAttributes, GetQueueUrl)"),
            Map.entry("dynamodb:DescribeTable", "part of CDK's table grants; harmless metadata"),
            Map.entry("dynamodb:dml-unused", "CDK's grantWriteData/grantReadData/grantReadWriteData give the action "
                    + "groups (BatchWriteItem, DeleteItem, BatchGetItem, Scan, ConditionCheckItem, stream reads) "
                    + "as a unit"),
            Map.entry("s3:read-group", "Bucket.grantRead gives GetObject*, GetBucket*, List* as a unit"),
            Map.entry("s3:put-group", "Bucket.grantPut gives PutObject with its legal-hold, retention and tagging "
                    + "variants and Abort* (the processor aborts a failed multipart upload)"));

    private final Deployed deployed;
    private final Map<String, CallRecorder> recorders = new ConcurrentHashMap<>();

    WiredStack(Deployed deployed) {
        this.deployed = deployed;
    }

    Deployed deployed() {
        return deployed;
    }

    /** Creates the template's tables, buckets and topics on the stand-ins (what exists already is kept). */
    WiredStack deploy() {
        createTables(deployed);
        try (var s3 = s3(null)) {
            for (String id : deployed.ids("AWS::S3::Bucket")) {
                try {
                    s3.createBucket(b -> b.bucket(deployed.name(id)));
                } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException createdBefore) {
                    // the same bucket of another variant's template
                }
            }
        }
        try (var sns = sns(null)) {
            for (String id : deployed.ids("AWS::SNS::Topic")) {
                assertThat(sns.createTopic(b -> b.name(deployed.name(id))).topicArn())
                        .isEqualTo(deployed.resolve(Map.of("Ref", id)));
            }
        }
        return this;
    }

    /** The template's tables in dynalite, exactly as it declares them: keys, attribute types, local indexes. */
    static void createTables(Deployed deployed) {
        for (String id : deployed.ids("AWS::DynamoDB::Table")) {
            var p = deployed.properties(id);
            var request = CreateTableRequest.builder()
                    .tableName(deployed.name(id))
                    .billingMode(BillingMode.fromValue((String) p.get("BillingMode")))
                    .keySchema(keys(p.get("KeySchema")))
                    .attributeDefinitions(Cfn.list(p.get("AttributeDefinitions")).stream().map(Cfn::map)
                            .map(a -> AttributeDefinition.builder().attributeName((String) a.get("AttributeName"))
                                    .attributeType((String) a.get("AttributeType")).build()).toList());
            var lsis = Cfn.list(p.get("LocalSecondaryIndexes")).stream().map(Cfn::map)
                    .map(i -> LocalSecondaryIndex.builder().indexName((String) i.get("IndexName"))
                            .keySchema(keys(i.get("KeySchema")))
                            .projection(Projection.builder()
                                    .projectionType((String) Cfn.at(i, "Projection.ProjectionType")).build())
                            .build()).toList();
            if (!lsis.isEmpty()) {
                request.localSecondaryIndexes(lsis);
            }
            assertThat(p.get("GlobalSecondaryIndexes")).as("GSIs are not created here yet").isNull();
            try {
                Dynalite.shared().createTable(request.build());
            } catch (ResourceInUseException alreadyCreated) {
                // another test class of this JVM deployed the same template
            }
        }
    }

    private static List<KeySchemaElement> keys(Object schema) {
        return Cfn.list(schema).stream().map(Cfn::map).map(k -> KeySchemaElement.builder()
                .attributeName((String) k.get("AttributeName")).keyType((String) k.get("KeyType")).build()).toList();
    }

    // ------------------------------------------------------------------------------------------ functions

    String functionId(String handler) {
        return deployed.ids("AWS::Lambda::Function").stream()
                .filter(id -> handler.equals(deployed.properties(id).get("Handler"))).findFirst().orElseThrow();
    }

    /** The bucket and key prefix an EventBridge rule of the template calls the function on for new objects. */
    record ObjectCreatedTrigger(String bucket, String prefix) {
        /** The EventBridge event of a new object under the trigger's bucket. */
        Map<String, Object> event(String key) {
            return Map.of("source", "aws.s3", "detail-type", "Object Created",
                    "detail", Map.of("bucket", Map.of("name", bucket), "object", Map.of("key", key)));
        }
    }

    ObjectCreatedTrigger objectCreatedTrigger(String functionId) {
        var rule = deployed.ids("AWS::Events::Rule").stream().map(deployed::properties)
                .filter(r -> String.valueOf(r.get("EventPattern")).contains("Object Created"))
                .filter(r -> String.valueOf(deployed.resolve(r.get("Targets"))).contains(deployed.name(functionId)))
                .findFirst().orElseThrow(() -> new AssertionError("no object-created rule calls " + functionId));
        var pattern = Cfn.map(deployed.resolve(rule.get("EventPattern")));
        return new ObjectCreatedTrigger((String) Cfn.list(Cfn.at(pattern, "detail.bucket.name")).get(0),
                (String) Cfn.map(Cfn.list(Cfn.at(pattern, "detail.object.key")).get(0)).get("prefix"));
    }

    /** The function's environment from the template, resolved: exactly what Lambda would give it. */
    EnvConfig environment(String functionId) {
        var variables = Cfn.map(deployed.resolve(Cfn.at(deployed.properties(functionId), "Environment.Variables")));
        var env = new TreeMap<String, String>();
        variables.forEach((k, v) -> env.put(k, (String) v));
        env.put("AWS_REGION", Deployed.REGION); // set by Lambda itself
        return new EnvConfig(env);
    }

    /** The recorder of the function's calls (made on first use: a function that calls nothing still counts). */
    CallRecorder recorder(String functionId) {
        return recorders.computeIfAbsent(functionId, id -> new CallRecorder());
    }

    String roleOf(String functionId) {
        return (String) Cfn.list(Cfn.map(deployed.properties(functionId).get("Role")).get("Fn::GetAtt")).get(0);
    }

    void assertAllowed(String functionId) {
        var permissions = Permissions.ofRole(deployed, roleOf(functionId));
        assertThat(recorder(functionId).calls()).allSatisfy(c -> assertThat(permissions.allows(c))
                .as("%s's role allows %s", deployed.name(functionId), c).isTrue());
    }

    /** Prints the figures; every grant no recorded call needed must have its reason in {@link #KEPT}. */
    void assertGrantsBeyondTheCallsAreExplained(String label) {
        int calls = 0;
        int granted = 0;
        int exercised = 0;
        var unexplained = new LinkedHashMap<String, List<String>>();
        for (var entry : recorders.entrySet()) {
            var permissions = Permissions.ofRole(deployed, roleOf(entry.getKey()));
            var recorded = entry.getValue().calls();
            calls += recorded.size();
            var unused = permissions.unexercised(recorded);
            granted += permissions.actions().size();
            exercised += permissions.actions().size() - (int) permissions.actions().stream().filter(unused::contains)
                    .count();
            var missing = unused.stream().filter(a -> reason(a) == null).toList();
            if (!missing.isEmpty()) {
                unexplained.put(deployed.name(entry.getKey()), missing);
            }
        }
        System.out.printf("wiring (%s): %d functions run, %d tables created from the template, %d AWS calls "
                        + "recorded, %d actions granted, %d exercised%n", label, recorders.size(),
                deployed.ids("AWS::DynamoDB::Table").size(), calls, granted, exercised);
        assertThat(unexplained).as("granted, never called, and no reason in KEPT").isEmpty();
    }

    /** Why an unexercised action stays, or null. */
    static String reason(String action) {
        if (KEPT.containsKey(action)) {
            return KEPT.get(action);
        }
        String service = action.substring(0, action.indexOf(':'));
        if (service.equals("kinesis") || service.equals("sqs")) {
            return KEPT.get(service + ":*");
        }
        if (service.equals("dynamodb")) {
            return KEPT.get("dynamodb:dml-unused");
        }
        if (action.startsWith("s3:Get") || action.startsWith("s3:List")) {
            return KEPT.get("s3:read-group");
        }
        if (action.startsWith("s3:Put") || action.equals("s3:Abort*")) {
            return KEPT.get("s3:put-group");
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ clients

    /** A client of a stand-in whose calls {@code recorder} records (null: an unrecorded admin client). */
    static <B extends AwsClientBuilder<B, C>, C> B client(B builder, URI endpoint, CallRecorder recorder) {
        return LocalAws.configure(builder, endpoint, recorder == null ? null
                : ClientOverrideConfiguration.builder().addExecutionInterceptor(recorder).build());
    }

    static DynamoDbClient dynamo(CallRecorder recorder) {
        return client(DynamoDbClient.builder(), Dynalite.shared().endpoint(), recorder).build();
    }

    static S3Client s3(CallRecorder recorder) {
        return client(S3Client.builder(), Moto.shared().endpoint(), recorder).forcePathStyle(true).build();
    }

    static SnsClient sns(CallRecorder recorder) {
        return client(SnsClient.builder(), Moto.shared().endpoint(), recorder).build();
    }
}
