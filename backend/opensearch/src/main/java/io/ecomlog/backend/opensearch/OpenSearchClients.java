package io.ecomlog.backend.opensearch;

import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;

/**
 * The client the configuration asks for: with {@code OPENSEARCH_AUTH=sigv4} the client's AWS SDK v2 transport, which
 * signs every request for the domain ({@code es}) or Serverless collection ({@code aoss}) with the function's role
 * (the SDK's default credentials chain); with {@code none}, plain HTTP(S) through the client's Apache HttpClient 5
 * transport (a local node, the tests). Building a client makes no call.
 */
public final class OpenSearchClients {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private OpenSearchClients() {
    }

    public static OpenSearchClient create(IndexerConfig config) {
        return new OpenSearchClient(transport(config, null));
    }

    /** With SigV4, {@code sdkHttpClient} carries the signed requests (null: the SDK's Apache client). */
    public static OpenSearchClient create(IndexerConfig config, SdkHttpClient sdkHttpClient) {
        return new OpenSearchClient(transport(config, sdkHttpClient));
    }

    static OpenSearchTransport transport(IndexerConfig config, SdkHttpClient sdkHttpClient) {
        URI endpoint = config.endpoint();
        return switch (config.auth()) {
            // the transport always speaks HTTPS to host[:port]
            case SIGV4 -> new AwsSdk2Transport(
                    sdkHttpClient != null ? sdkHttpClient
                            : ApacheHttpClient.builder().socketTimeout(TIMEOUT).connectionTimeout(TIMEOUT).build(),
                    endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort(),
                    config.signingService(), Region.of(config.region()),
                    AwsSdk2TransportOptions.builder().setMapper(new JacksonJsonpMapper()).build());
            case NONE -> ApacheHttpClient5TransportBuilder.builder(HttpHost.create(endpoint))
                    .setMapper(new JacksonJsonpMapper())
                    .build();
        };
    }
}
