package io.ecomlog.backend.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.backend.opensearch.EventIndexer;
import io.ecomlog.backend.opensearch.Indexers;
import io.ecomlog.backend.opensearch.KinesisIndexerHandler;
import io.ecomlog.backend.opensearch.S3IndexerHandler;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.testing.OpenSearchNode;
import io.ecomlog.testing.OpenSearchProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenSearch deployment's two indexer functions as the template wires them: started with exactly the template's
 * environment, where the domain's endpoint resolves to an HTTPS proxy in front of the real test node (a managed
 * domain speaks HTTPS and checks SigV4 signatures; the node checks none, so the proxy records them), they index a
 * Kinesis batch and a processed object, and write what is no event to the dead-letter prefix of the backup bucket
 * (moto). Every call — S3 through the SDK, each HTTP request to the domain as the {@code es:ESHttp*} action it needs —
 * is recorded and must be allowed by the function's role.
 */
class SearchWiringTest {

    private static final Deployed TEMPLATE = new Deployed(Cfn.map(Synth.variant("openSearch").template().toJSON()));
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OpenSearchProxy domain;
    private static SdkHttpClient trustingHttp;
    private static WiredStack wired;
    private static String domainArn;

    @BeforeAll
    static void deploy() throws IOException {
        domain = OpenSearchProxy.tls(OpenSearchNode.shared().endpoint());
        String domainId = TEMPLATE.ids("AWS::OpenSearchService::Domain").get(0);
        var deployed = TEMPLATE.withAttribute(domainId, "DomainEndpoint", domain.endpoint().getAuthority());
        wired = new WiredStack(deployed).deploy();
        domainArn = (String) deployed.resolve(Map.of("Fn::GetAtt", List.of(domainId, "Arn")));
        // the proxy's certificate is self-signed for 127.0.0.1
        trustingHttp = ApacheHttpClient.builder().buildWithDefaults(AttributeMap.builder()
                .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
    }

    @AfterAll
    static void grantsBeyondTheCallsAreExplained() {
        try {
            wired.assertGrantsBeyondTheCallsAreExplained("OpenSearch deployment");
        } finally {
            domain.close();
            trustingHttp.close();
        }
    }

    /** The function's indexer as Lambda builds it from the template's environment, its calls recorded. */
    private static EventIndexer indexer(String functionId) {
        var recorder = wired.recorder(functionId);
        return Indexers.from(wired.environment(functionId), recorder.openSearchDomain(domainArn, trustingHttp),
                WiredStack.s3(recorder));
    }

    @Test
    void theKinesisIndexerIndexesTheBatchAndDeadLettersWhatIsNoEvent() throws Exception {
        String id = wired.functionId(Artifacts.KINESIS_INDEXER);
        var env = wired.environment(id);
        var events = orders("kinesis", 3);
        var data = new ByteArrayOutputStream();
        data.writeBytes(FunctionWiringTest.ndjson(events.toArray(EcomEvent[]::new)));
        data.writeBytes("this line is no event\n".getBytes(StandardCharsets.UTF_8));

        var response = new KinesisIndexerHandler(indexer(id)).handleRequest(
                FunctionWiringTest.kinesis(data.toByteArray()), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(searchable(env.required("INDEX_PREFIX"), events)).containsExactlyInAnyOrderElementsOf(ids(events));
        String bucket = env.required("DEAD_LETTER_BUCKET");
        try (var s3 = WiredStack.s3(null)) {
            var letters = s3.listObjectsV2(b -> b.bucket(bucket).prefix(env.required("DEAD_LETTER_PREFIX")))
                    .contents().stream().map(o -> gunzip(s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key()))
                            .asByteArray())).toList();
            assertThat(letters).anySatisfy(l -> assertThat(l).contains("this line is no event"));
        }
        assertSignedForTheDomain();
        wired.assertAllowed(id);
    }

    @Test
    void theS3IndexerIndexesAProcessedObjectItIsCalledFor() throws Exception {
        String id = wired.functionId(Artifacts.S3_INDEXER);
        var env = wired.environment(id);
        var trigger = wired.objectCreatedTrigger(id);
        var events = orders("s3", 2);
        String key = trigger.prefix() + "event_type=order_completed/part-" + System.nanoTime() + ".ndjson.gz";
        try (var s3 = WiredStack.s3(null)) {
            s3.putObject(b -> b.bucket(trigger.bucket()).key(key),
                    RequestBody.fromBytes(gzip(FunctionWiringTest.ndjson(events.toArray(EcomEvent[]::new)))));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> event = JSON.convertValue(trigger.event(key), Map.class);
        new S3IndexerHandler(indexer(id)).handleRequest(event, null);

        assertThat(searchable(env.required("INDEX_PREFIX"), events)).containsExactlyInAnyOrderElementsOf(ids(events));
        assertSignedForTheDomain();
        wired.assertAllowed(id);
    }

    /** Every request the domain saw is SigV4-signed for the managed service ({@code es}) in the function's region. */
    private static void assertSignedForTheDomain() {
        assertThat(domain.authorizations()).isNotEmpty().allSatisfy(header -> assertThat(header)
                .startsWith("AWS4-HMAC-SHA256 Credential=")
                .contains("/" + Deployed.REGION + "/es/aws4_request"));
    }

    private static List<EcomEvent> orders(String source, int n) {
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var out = new ArrayList<EcomEvent>();
        for (int i = 0; i < n; i++) {
            out.add(FunctionWiringTest.order("search-" + source + "-" + System.nanoTime(), source + "-O-" + i,
                    now.minusSeconds(i)));
        }
        return out;
    }

    private static List<String> ids(List<EcomEvent> events) {
        return events.stream().map(e -> e.eventId().toString()).toList();
    }

    /** The ids among {@code events} found in the daily indices, asked of the node directly after a refresh. */
    private static List<String> searchable(String indexPrefix, List<EcomEvent> events) throws Exception {
        var http = HttpClient.newHttpClient();
        URI node = OpenSearchNode.shared().endpoint();
        String indices = indexPrefix + "-*";
        http.send(HttpRequest.newBuilder(node.resolve("/" + indices + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        String query = JSON.writeValueAsString(Map.of("size", 100, "query", Map.of("ids", Map.of("values",
                ids(events)))));
        var response = http.send(HttpRequest.newBuilder(node.resolve("/" + indices + "/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var found = new ArrayList<String>();
        for (JsonNode hit : JSON.readTree(response.body()).path("hits").path("hits")) {
            found.add(hit.path("_id").asText());
        }
        return found;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static String gunzip(byte[] data) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
