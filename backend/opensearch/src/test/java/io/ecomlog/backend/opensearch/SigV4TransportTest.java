package io.ecomlog.backend.opensearch;

import io.ecomlog.testing.OpenSearchNode;
import io.ecomlog.testing.OpenSearchProxy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production transport, end to end: {@code OPENSEARCH_AUTH=sigv4} sends every request through the client's AWS
 * SDK v2 transport, over HTTPS, signed — here to a TLS proxy in front of the real node that records the
 * {@code Authorization} headers (the node itself checks no signatures).
 */
class SigV4TransportTest {

    @Test
    void setsUpAndIndexesWithSigV4SignedRequestsForTheConfiguredService() throws Exception {
        try (var proxy = OpenSearchProxy.tls(OpenSearchNode.shared().endpoint());
             var trustingClient = ApacheHttpClient.builder().buildWithDefaults(AttributeMap.builder()
                     .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build())) {
            var test = TestIndexers.to(proxy.endpoint(), Map.of("OPENSEARCH_AUTH", "sigv4",
                    "OPENSEARCH_SIGNING_SERVICE", "es", "AWS_REGION", "eu-west-1"), trustingClient);

            var response = new KinesisIndexerHandler(test.indexer)
                    .handleRequest(KinesisBatches.of(ApacheSample.encoded().subList(0, 50), 10).event(), null);

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(TestIndexers.count(TestIndexers.nodeClient(), test.prefix)).isEqualTo(50);
            // the template PUT, the ISM policy GET and PUT, the bulk request: all signed for es in eu-west-1
            assertThat(proxy.authorizations()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(header -> assertThat(header)
                    .startsWith("AWS4-HMAC-SHA256 Credential=test/")
                    .contains("/eu-west-1/es/aws4_request")
                    .contains("SignedHeaders=").contains("Signature="));
            assertThat(proxy.bulkRequests()).isEqualTo(1);
        }
    }
}
