package io.ecomlog.backend.lambda.alerts;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ecomlog.testing.LocalAws;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * SNS has no local stand-in: a WireMock server that answers {@code Publish} in SNS's query protocol, records the
 * calls, and decodes them back ({@link #published()}) so tests check each message that would have gone out.
 */
final class SnsStub implements AutoCloseable {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ecomlog-alerts";

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress(LocalAws.LOOPBACK));
    private int ids;

    SnsStub() {
        server.start();
        answerOk();
    }

    void answerOk() {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish")).atPriority(5)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                                + "<MessageId>" + "94f20ce6-13c5-43a0-9a9e-ca52d816e90b" + "</MessageId>"
                                + "</PublishResult><ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a"
                                + "</RequestId></ResponseMetadata></PublishResponse>")));
    }

    /** Every Publish answers 500 until {@link #answerOk()}. */
    void failAll() {
        server.stubFor(post(urlEqualTo("/")).atPriority(1).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "text/xml").withBody("<ErrorResponse><Error><Type>Receiver</Type>"
                        + "<Code>InternalError</Code><Message>boom</Message></Error></ErrorResponse>")));
    }

    SnsClient client() {
        return LocalAws.configure(SnsClient.builder(), URI.create(server.baseUrl()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD).build()).build();
    }

    /** The decoded form fields of each Publish that was answered 200, in order. */
    List<Map<String, String>> published() {
        return server.findAll(postRequestedFor(urlEqualTo("/"))).stream()
                .filter(r -> server.getAllServeEvents().stream().anyMatch(e -> e.getRequest().getId().equals(r.getId())
                        && e.getResponse().getStatus() == 200))
                .map(SnsStub::form).toList();
    }

    int attempts() {
        return server.findAll(postRequestedFor(urlEqualTo("/"))).size();
    }

    private static Map<String, String> form(LoggedRequest request) {
        var fields = new HashMap<String, String>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop();
    }
}
