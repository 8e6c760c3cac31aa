package io.ecomlog.backend.cdk;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.backend.lambda.alerts.AlerterHandler;
import io.ecomlog.backend.lambda.firehose.FirehoseLogTransformer;
import io.ecomlog.backend.lambda.logs.S3LogProcessor;
import io.ecomlog.backend.lambda.orders.OrderHistoryApi;
import io.ecomlog.backend.lambda.orders.OrderHistoryHandler;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.testing.Moto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default deployment's functions as the template wires them: each handler is in its deployed jar with the
 * signature Lambda calls, starts with exactly the template's environment (references resolved to the stand-ins'
 * names), and processes a real-shaped event against tables created from the template's key schema (dynalite) and
 * buckets and topics in moto. Every AWS call the handlers make is recorded and must be allowed by the template's
 * policies for the function's role; what the roles grant beyond that is listed with the reason it stays
 * ({@link WiredStack}). The OpenSearch deployment's indexers: {@link SearchWiringTest}.
 */
class FunctionWiringTest {

    private static final Synth.Synthesized SYNTH = Synth.variant("minimal");
    private static final Deployed DEPLOYED = new Deployed(Cfn.map(SYNTH.template().toJSON()));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec CODEC = new EventCodec();

    private static final WiredStack WIRED = new WiredStack(DEPLOYED);
    private static Moto moto;

    @BeforeAll
    static void deploy() {
        moto = Moto.shared();
        WIRED.deploy();
    }

    @Test
    void everyHandlerIsInItsDeployedJarWithTheSignatureLambdaCalls() throws Exception {
        var synth = Synth.variant("openSearch"); // every function of the stack
        var deployed = new Deployed(Cfn.map(synth.template().toJSON()));
        var assembly = Path.of(synth.app().synth().getDirectory());
        var functions = deployed.ids("AWS::Lambda::Function");
        assertThat(functions).hasSize(7);
        var mappings = deployed.ids("AWS::Lambda::EventSourceMapping");
        for (String id : functions) {
            var p = deployed.properties(id);
            var jar = assembly.resolve("asset." + Cfn.at(p, "Code.S3Key"));
            // the jar alone, as Lambda loads it: nothing from this test's classpath
            try (var loader = new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                var handler = loader.loadClass((String) p.get("Handler"));
                assertThat(Modifier.isPublic(handler.getModifiers())).isTrue();
                assertThat(handler.getConstructor()).as("Lambda's no-argument constructor").isNotNull();
                var stream = loader.loadClass(RequestStreamHandler.class.getName());
                var typed = loader.loadClass(RequestHandler.class.getName());
                assertThat(stream.isAssignableFrom(handler) || typed.isAssignableFrom(handler))
                        .as(handler + " is a Lambda handler").isTrue();
                var triggers = mappings.stream().map(deployed::properties)
                        .filter(m -> m.get("FunctionName").equals(Map.of("Ref", id))).toList();
                for (var mapping : triggers) {
                    // a Kinesis trigger hands over a KinesisEvent; ReportBatchItemFailures needs the handler to
                    // answer with the failed items
                    var types = requestHandlerTypes(handler, typed);
                    assertThat(types.get(0)).isEqualTo(KinesisEvent.class.getName());
                    assertThat(Cfn.list(mapping.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"))
                            .isEqualTo(types.get(1).equals(StreamsEventResponse.class.getName()));
                    assertThat(deployed.type(((List<?>) Cfn.map(mapping.get("EventSourceArn")).get("Fn::GetAtt"))
                            .get(0).toString())).isEqualTo("AWS::Kinesis::Stream");
                }
            }
        }
    }

    private static List<String> requestHandlerTypes(Class<?> handler, Class<?> requestHandler) {
        for (var type : handler.getGenericInterfaces()) {
            if (type instanceof ParameterizedType p && p.getRawType().equals(requestHandler)) {
                return List.of(p.getActualTypeArguments()[0].getTypeName(),
                        p.getActualTypeArguments()[1].getTypeName());
            }
        }
        throw new AssertionError(handler + " does not implement RequestHandler<I, O>");
    }

    @Test
    void ordersTheHistoryFunctionWritesTheApiReadsNewestFirst() throws Exception {
        String writer = WIRED.functionId(Artifacts.ORDER_HISTORY);
        String reader = WIRED.functionId(Artifacts.ORDER_HISTORY_API);
        var handler = new OrderHistoryHandler(WIRED.environment(writer), WiredStack.dynamo(WIRED.recorder(writer)));
        String user = "wiring-" + System.nanoTime();
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var response = handler.handleRequest(kinesis(
                order(user, "O-1", now.minusSeconds(3600)), order(user, "O-3", now.minusSeconds(60)),
                order(user, "O-2", now.minusSeconds(1800))), null);
        assertThat(response.getBatchItemFailures()).isEmpty();

        var api = new OrderHistoryApi(WIRED.environment(reader), WiredStack.dynamo(WIRED.recorder(reader)));
        var request = new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPathParameters(Map.of("id", user));
        var answer = api.handleRequest(request, null);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
        var ids = new ArrayList<String>();
        JSON.readTree(answer.getBody()).path("orders").forEach(o -> ids.add(o.path("order_id").asText()));
        assertThat(ids).containsExactly("O-3", "O-2", "O-1");

        WIRED.assertAllowed(writer);
        WIRED.assertAllowed(reader);
    }

    @Test
    void theAlerterCountsInItsTableAndPublishesToTheTopic() throws Exception {
        String id = WIRED.functionId(Artifacts.ALERTER);
        var env = WIRED.environment(id);
        String topic = env.required("ALERT_TOPIC_ARN");
        String queueUrl;
        String queueArn;
        try (var sqs = moto.configure(SqsClient.builder()).build(); var sns = WiredStack.sns(null)) {
            queueUrl = sqs.createQueue(b -> b.queueName("alerts-" + System.nanoTime())).queueUrl();
            queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn));
        }
        var recorder = WIRED.recorder(id);
        var handler = new AlerterHandler(env, WiredStack.dynamo(recorder), WiredStack.sns(recorder), Clock.systemUTC());
        String user = "wiring-" + System.nanoTime();
        var now = Instant.now();
        var burst = new ArrayList<EcomEvent>();
        for (int i = 0; i < 6; i++) {
            burst.add(Events.loginFailed("password", "bad_password").userId(user)
                    .client(new ClientInfo("203.0.113.9", "curl/8", null)).eventTime(now.minusSeconds(10 - i)).build());
        }
        assertThat(handler.handleRequest(kinesis(burst.toArray(EcomEvent[]::new)), null).getBatchItemFailures())
                .isEmpty();

        // what SNS delivered to the subscribed queue names the user
        try (var sqs = moto.configure(SqsClient.builder()).build()) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            assertThat(messages).hasSize(1);
            JsonNode envelope = JSON.readTree(messages.get(0).body());
            assertThat(envelope.path("TopicArn").asText()).isEqualTo(topic);
            assertThat(envelope.path("Message").asText()).contains(user);
        }
        // the table holds the alert and expires it through the template's TTL attribute
        String ttl = (String) Cfn.at(DEPLOYED.properties(DEPLOYED.ids("AWS::DynamoDB::Table").stream()
                .filter(t -> DEPLOYED.name(t).equals(env.required("ALERTS_TABLE"))).findFirst().orElseThrow()),
                "TimeToLiveSpecification.AttributeName");
        try (var client = WiredStack.dynamo(null)) {
            var items = client.scan(b -> b.tableName(env.required("ALERTS_TABLE"))).items();
            assertThat(items).anySatisfy(i -> assertThat(i.toString()).contains(user));
            assertThat(items).allSatisfy(i -> assertThat(i.get(ttl)).as("TTL %s of %s", ttl, i).isNotNull()
                    .extracting(AttributeValue::n).isNotNull());
        }
        WIRED.assertAllowed(id);
    }

    @Test
    void theLogProcessorTurnsAnUploadIntoProcessedEvents() throws Exception {
        String id = WIRED.functionId(Artifacts.S3_LOG_PROCESSOR);
        var trigger = WIRED.objectCreatedTrigger(id);
        String bucket = trigger.bucket();
        String key = trigger.prefix() + "web/access_log." + System.nanoTime();
        String line = "203.0.113.7 - - [17/May/2025:10:05:03 +0000] \"GET /products/42 HTTP/1.1\" 200 1234 \"-\" "
                + "\"Mozilla/5.0\"\n";
        try (var s3 = WiredStack.s3(null)) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(line));
        }
        var env = WIRED.environment(id);
        var processor = new S3LogProcessor(env, WiredStack.s3(WIRED.recorder(id)));
        var out = new ByteArrayOutputStream();
        processor.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(trigger.event(key))), out, null);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"objects\"");
        try (var s3 = WiredStack.s3(null)) {
            var written = s3.listObjectsV2(b -> b.bucket(env.required("PROCESSED_BUCKET"))).contents();
            assertThat(written).isNotEmpty();
        }
        WIRED.assertAllowed(id);
    }

    @Test
    void theLogTransformerStartsWithItsEnvironment() {
        String id = WIRED.functionId(Artifacts.FIREHOSE_LOG_TRANSFORMER);
        var transformer = new FirehoseLogTransformer(WIRED.environment(id));
        var record = new KinesisFirehoseEvent.Record();
        record.setRecordId("r1");
        record.setData(ByteBuffer.wrap(("203.0.113.7 - - [17/May/2025:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5 "
                + "\"-\" \"curl/8\"").getBytes(StandardCharsets.UTF_8)));
        var event = new KinesisFirehoseEvent();
        event.setRecords(List.of(record));
        assertThat(transformer.handleRequest(event, null).getRecords())
                .extracting(KinesisAnalyticsInputPreprocessingResponse.Record::getResult)
                .containsExactly(KinesisAnalyticsInputPreprocessingResponse.Result.Ok);
        WIRED.recorder(id); // it calls no AWS service
        WIRED.assertAllowed(id);
    }

    @AfterAll
    static void grantsBeyondTheCallsAreExplained() {
        WIRED.assertGrantsBeyondTheCallsAreExplained("default deployment");
    }

    // ------------------------------------------------------------------------------------------ events

    static EcomEvent order(String user, String id, Instant time) {
        return Events.orderCompleted(Order.builder().orderId(id).total("9.90")
                        .products(List.of(Product.builder("p-" + id).price("9.90").quantity(1).build())).build())
                .currency("EUR").eventTime(time).userId(user).build();
    }

    /** One Kinesis record of NDJSON, as the event source mapping hands it over. */
    static KinesisEvent kinesis(EcomEvent... events) {
        return kinesis(ndjson(events));
    }

    static byte[] ndjson(EcomEvent... events) {
        var data = new ByteArrayOutputStream();
        for (var e : events) {
            data.writeBytes(CODEC.encode(e));
            data.write('\n');
        }
        return data.toByteArray();
    }

    /** One Kinesis record of these bytes. */
    static KinesisEvent kinesis(byte[] data) {
        var record = new KinesisEvent.Record();
        record.setData(ByteBuffer.wrap(data));
        record.setPartitionKey("pk");
        record.setSequenceNumber("49590342198698432168000000000000000000000000000000000001");
        record.setKinesisSchemaVersion("1.0");
        var r = new KinesisEvent.KinesisEventRecord();
        r.setKinesis(record);
        r.setEventSource("aws:kinesis");
        r.setEventName("aws:kinesis:record");
        r.setEventID("shardId-000000000000:" + record.getSequenceNumber());
        r.setAwsRegion(Deployed.REGION);
        var event = new KinesisEvent();
        event.setRecords(List.of(r));
        return event;
    }
}
