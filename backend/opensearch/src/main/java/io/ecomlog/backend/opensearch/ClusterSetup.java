package io.ecomlog.backend.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Puts the index template (every time: the PUT is idempotent, and a new jar's mapping takes effect for the next
 * daily index) and creates the ISM policy if it is missing (an existing one is left alone: updating it needs its
 * sequence number and would reset the indices' state). A cluster without the ISM plugin is reported, not fatal:
 * indexing matters more than retention.
 */
public final class ClusterSetup {

    /** What the setup did. {@code ism} is {@code created}, {@code exists} or {@code unavailable: <why>}. */
    public record Outcome(String template, String ism) {
    }

    private final OpenSearchClient client;

    public ClusterSetup(OpenSearchClient client) {
        this.client = client;
    }

    public Outcome install(DailyIndex daily, int replicas, int retentionDays) {
        String template = "_index_template/" + daily.prefix();
        Call put = call("PUT", "/" + template, IndexTemplate.body(daily, replicas));
        if (put.status() != 200) {
            throw new IllegalStateException("PUT " + template + " answered " + put.status() + ": " + put.body());
        }
        String policy = "/_plugins/_ism/policies/" + IsmPolicy.id(daily);
        Call get = call("GET", policy, null);
        if (get.status() == 200) {
            return new Outcome(template, "exists");
        }
        if (get.status() != 404) {
            return new Outcome(template, "unavailable: GET " + policy + " answered " + get.status());
        }
        Call create = call("PUT", policy, IsmPolicy.body(daily, retentionDays));
        if (create.status() == 201 || create.status() == 200) {
            return new Outcome(template, "created");
        }
        if (create.status() == 409) {
            return new Outcome(template, "exists"); // another instance created it meanwhile
        }
        return new Outcome(template, "unavailable: PUT " + policy + " answered " + create.status());
    }

    private record Call(int status, String body) {
    }

    private Call call(String method, String endpoint, JsonNode json) {
        var request = Requests.builder().method(method).endpoint(endpoint);
        if (json != null) {
            request.json(json.toString());
        }
        try (Response response = client.generic().execute(request.build())) {
            String body = response.getBody().map(Body::bodyAsString).orElse("");
            return new Call(response.getStatus(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + endpoint + " failed", e);
        }
    }
}
