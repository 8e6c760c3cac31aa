package io.ecomlog.backend.opensearch;

import io.ecomlog.testing.OpenSearchNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class OpenSearchNodeTest {

    @Test
    void answersOnLoopback() throws Exception {
        var node = OpenSearchNode.shared();
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.endpoint()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"number\" : \"2.19");
    }
}
