package io.ecomlog.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.FirehoseClientBuilder;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The Data Firehose stand-in: one WireMock server per test JVM (127.0.0.1, dynamic port, request journal
 * on), started on first use and stopped by a JVM shutdown hook. It answers {@code PutRecordBatch}
 * successfully by default and can inject faults per delivery stream name, so tests running side by
 * side on the shared server do not collide as long as each uses its own stream name
 * ({@link #uniqueDeliveryStreamName(String)}).
 *
 * <p>A record counts as received ({@link #receivedRecords(String)}) only when the stub answered it as a
 * success: entries failed by {@link StubFaults#failEveryOtherEntry}, and whole calls answered with 500 or a
 * reset, are not received ({@link #faults()}). Other Firehose operations get a 400
 * {@code UnknownOperationException}.
 */
public final class FirehoseStub {

    private static final String TRANSFORMER = "ecomlog-firehose-put-record-batch";
    private static final Object LOCK = new Object();
    private static volatile FirehoseStub instance;

    private final StubFaults faults = new StubFaults(FirehoseWire.SERVICE_UNAVAILABLE);
    private final WireMockServer server;
    private final FirehoseClient sharedClient;

    private FirehoseStub() {
        server = new WireMockServer(StubResponses.options(new PutRecordBatchTransformer(faults)));
        server.start();
        server.stubFor(post(urlPathEqualTo("/")).atPriority(1)
                .withHeader(KinesisWire.TARGET_HEADER, equalTo(FirehoseWire.PUT_RECORD_BATCH_TARGET))
                .willReturn(aResponse().withTransformers(TRANSFORMER)));
        server.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(StubResponses.error(400, KinesisWire.Format.JSON, "UnknownOperationException",
                        "FirehoseStub answers PutRecordBatch only")));
        sharedClient = LocalAws.nonClosing(FirehoseClient.class, newClient((ClientOverrideConfiguration) null));
    }

    /** The per-JVM instance, started on the first call. */
    public static FirehoseStub shared() {
        FirehoseStub stub = instance;
        if (stub != null) {
            return stub;
        }
        synchronized (LOCK) {
            if (instance == null) {
                FirehoseStub created = new FirehoseStub();
                Runtime.getRuntime().addShutdownHook(new Thread(created.server::stop, "firehose-stub-stop"));
                instance = created;
            }
            return instance;
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return LocalAws.httpEndpoint(server.port());
    }

    /** The underlying WireMock server, for checks the helpers below do not cover. */
    public WireMockServer server() {
        return server;
    }

    /** A shared client (SDK default retries) for this stub; {@code close()} on it is a no-op. */
    public FirehoseClient client() {
        return sharedClient;
    }

    /** A new client with the given overrides ({@code null} for none), e.g. {@link LocalAws#noRetries()}; the caller closes it. */
    public FirehoseClient newClient(ClientOverrideConfiguration override) {
        return LocalAws.configure(FirehoseClient.builder(), endpoint(), override).build();
    }

    /** A new client; {@code customizer} runs after the local defaults are set. The caller closes it. */
    public FirehoseClient newClient(Consumer<FirehoseClientBuilder> customizer) {
        FirehoseClientBuilder builder = LocalAws.configure(FirehoseClient.builder(), endpoint());
        customizer.accept(builder);
        return builder.build();
    }

    /** {@code prefix-<n>-<random>}, unique in this JVM. */
    public String uniqueDeliveryStreamName(String prefix) {
        return LocalAws.uniqueName(prefix);
    }

    // ---------------------------------------------------------------- faults (per delivery stream)

    /**
     * The faults of this stub, per delivery stream name (e.g. {@code stub.faults().outage(stream)});
     * {@link StubFaults#failEveryOtherEntry(String)} uses {@code ServiceUnavailableException}.
     */
    public StubFaults faults() {
        return faults;
    }

    /**
     * Removes all faults and clears the whole journal. Affects every test using the shared stub: prefer
     * unique stream names, {@link StubFaults#heal} and {@link #reset(String)}.
     */
    public void reset() {
        faults.clear();
        server.resetRequests();
    }

    /** Removes the faults of {@code stream} and its calls from the journal. */
    public void reset(String stream) {
        faults.heal(stream);
        for (ServeEvent event : server.getAllServeEvents()) {
            FirehoseWire.PutRecordBatch batch = decode(event.getRequest());
            if (batch != null && stream.equals(batch.deliveryStreamName())) {
                server.removeServeEvent(event.getId());
            }
        }
    }

    // ---------------------------------------------------------------- journal

    /**
     * The payloads the stub accepted for {@code deliveryStream}, oldest call first and in request order
     * within a call; entries answered with an error and calls answered with a fault are left out.
     */
    public List<byte[]> receivedRecords(String deliveryStream) {
        List<byte[]> received = new ArrayList<>();
        for (ServeEvent event : StubResponses.chronological(server.getAllServeEvents())) {
            FirehoseWire.PutRecordBatch batch = decode(event.getRequest());
            if (batch == null || !deliveryStream.equals(batch.deliveryStreamName())
                    || !StubResponses.answeredOk(event)) {
                continue;
            }
            List<FirehoseWire.EntryResult> results =
                    FirehoseWire.decodePutRecordBatchResponse(event.getResponse().getBody());
            for (int i = 0; i < results.size() && i < batch.records().size(); i++) {
                if (results.get(i).isSuccess()) {
                    received.add(batch.records().get(i));
                }
            }
        }
        return received;
    }

    /** How many PutRecordBatch calls for {@code deliveryStream} reached the stub (whatever the answer). */
    public int putRecordBatchCalls(String deliveryStream) {
        int calls = 0;
        for (ServeEvent event : server.getAllServeEvents()) {
            FirehoseWire.PutRecordBatch batch = decode(event.getRequest());
            if (batch != null && deliveryStream.equals(batch.deliveryStreamName())) {
                calls++;
            }
        }
        return calls;
    }

    private static FirehoseWire.PutRecordBatch decode(LoggedRequest request) {
        if (!FirehoseWire.PUT_RECORD_BATCH_TARGET.equals(request.getHeader(KinesisWire.TARGET_HEADER))) {
            return null;
        }
        try {
            return FirehoseWire.decodePutRecordBatchRequest(request.getBody());
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** Answers each PutRecordBatch according to the stream's fault mode. */
    static final class PutRecordBatchTransformer implements ResponseDefinitionTransformerV2 {
        private final StubFaults faults;

        PutRecordBatchTransformer(StubFaults faults) {
            this.faults = faults;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            FirehoseWire.PutRecordBatch batch;
            try {
                batch = FirehoseWire.decodePutRecordBatchRequest(event.getRequest().getBody());
            } catch (IllegalArgumentException malformed) {
                return StubResponses.error(400, KinesisWire.Format.JSON, "SerializationException",
                        malformed.getMessage()).build();
            }
            StubFaults.Decision decision = faults.decide(batch.deliveryStreamName());
            ResponseDefinitionBuilder answer = switch (decision.action()) {
                case CONNECTION_RESET -> StubResponses.reset();
                case SERVER_ERROR -> StubResponses.error(500, KinesisWire.Format.JSON, KinesisWire.INTERNAL_FAILURE,
                        "FirehoseStub: injected server error for " + batch.deliveryStreamName());
                case PARTIAL_FAILURE, PASS -> {
                    List<FirehoseWire.EntryResult> results = new ArrayList<>();
                    for (int i = 0; i < batch.records().size(); i++) {
                        boolean fail = decision.action() == StubFaults.Action.PARTIAL_FAILURE && i % 2 == 1;
                        results.add(fail
                                ? FirehoseWire.EntryResult.failure(decision.errorCode(),
                                        "FirehoseStub: injected failure of entry " + i)
                                : FirehoseWire.EntryResult.success());
                    }
                    yield StubResponses.aws(200, FirehoseWire.CONTENT_TYPE,
                            FirehoseWire.encodePutRecordBatchResponse(results));
                }
            };
            return StubResponses.withDelay(answer, decision.delayMillis()).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return TRANSFORMER;
        }
    }
}
