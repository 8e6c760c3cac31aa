package io.ecomlog.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Fault injection in front of {@link KinesisLocal}: one WireMock server per test JVM (127.0.0.1, dynamic
 * port, request journal on) that proxies every Kinesis call to the shared kinesis-local, except
 * {@code PutRecords} calls for a stream that has a fault configured, which it answers itself. Successful
 * records therefore really land in kinesis-local and can be read back with
 * {@link KinesisLocal#readAll(String)}. CBOR and JSON clients both work: faults are answered in the
 * request's format ({@link KinesisWire}).
 *
 * <p>Faults are kept per stream name (routing by {@code X-Amz-Target: Kinesis_20131202.PutRecords} and the
 * StreamName/StreamARN in the body), so tests side by side on the shared stub do not collide as long as
 * each uses its own stream.
 */
public final class KinesisFaultStub {

    private static final String TRANSFORMER = "ecomlog-kinesis-put-records";
    private static final Object LOCK = new Object();
    private static volatile KinesisFaultStub instance;

    private final KinesisLocal local;
    private final StubFaults faults = new StubFaults(KinesisWire.PROVISIONED_THROUGHPUT_EXCEEDED);
    private final KinesisClient forwarder;
    private final WireMockServer server;
    private final KinesisClient sharedClient;

    private KinesisFaultStub(KinesisLocal local) {
        this.local = local;
        this.forwarder = local.newClient((ClientOverrideConfiguration) null);
        server = new WireMockServer(StubResponses.options(new PutRecordsTransformer(faults, forwarder)));
        server.start();
        String target = local.endpoint().toString();
        server.stubFor(post(urlPathEqualTo("/")).atPriority(1)
                .withHeader(KinesisWire.TARGET_HEADER, equalTo(KinesisWire.PUT_RECORDS_TARGET))
                .willReturn(aResponse().proxiedFrom(target).withTransformers(TRANSFORMER)));
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(target)));
        sharedClient = LocalAws.nonClosing(KinesisClient.class, newClient((ClientOverrideConfiguration) null));
    }

    /** The per-JVM instance, started on the first call (starts {@link KinesisLocal#shared()} too). */
    public static KinesisFaultStub shared() {
        KinesisFaultStub stub = instance;
        if (stub != null) {
            return stub;
        }
        synchronized (LOCK) {
            if (instance == null) {
                KinesisFaultStub created = new KinesisFaultStub(KinesisLocal.shared());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    created.server.stop();
                    created.forwarder.close();
                }, "kinesis-fault-stub-stop"));
                instance = created;
            }
            return instance;
        }
    }

    /** {@code http://127.0.0.1:<port>} of the stub (point the code under test here). */
    public URI endpoint() {
        return LocalAws.httpEndpoint(server.port());
    }

    /** The kinesis-local the stub forwards to (create streams and read records there). */
    public KinesisLocal kinesisLocal() {
        return local;
    }

    /** The underlying WireMock server, for checks the helpers below do not cover. */
    public WireMockServer server() {
        return server;
    }

    /** A shared CBOR client (SDK default retries) for the stub; {@code close()} on it is a no-op. */
    public KinesisClient client() {
        return sharedClient;
    }

    /** A new CBOR client for the stub with the given overrides ({@code null} for none); the caller closes it. */
    public KinesisClient newClient(ClientOverrideConfiguration override) {
        return newClient(KinesisWire.Format.CBOR, override);
    }

    /** A new client for the stub speaking {@code format}, with the given overrides; the caller closes it. */
    public KinesisClient newClient(KinesisWire.Format format, ClientOverrideConfiguration override) {
        return KinesisLocal.buildKinesisClient(endpoint(), format, override, null);
    }

    /** A new client for the stub; {@code customizer} runs after the local defaults. The caller closes it. */
    public KinesisClient newClient(KinesisWire.Format format, Consumer<KinesisClientBuilder> customizer) {
        return KinesisLocal.buildKinesisClient(endpoint(), format, null, customizer);
    }

    // ---------------------------------------------------------------- faults (per stream)

    /**
     * The faults of this stub, per stream name (e.g. {@code stub.faults().outage(stream)}); only PutRecords
     * is affected, and {@link StubFaults#failEveryOtherEntry(String)} uses
     * {@code ProvisionedThroughputExceededException}.
     */
    public StubFaults faults() {
        return faults;
    }

    /** Removes all faults and clears the whole journal (affects every test using the shared stub). */
    public void reset() {
        faults.clear();
        server.resetRequests();
    }

    /** How many PutRecords calls for {@code stream} reached the stub (whatever the answer). */
    public int putRecordsCalls(String stream) {
        int calls = 0;
        for (ServeEvent event : server.getAllServeEvents()) {
            KinesisWire.PutRecordsBatch batch = decode(event.getRequest());
            if (batch != null && stream.equals(batch.stream())) {
                calls++;
            }
        }
        return calls;
    }

    private static KinesisWire.PutRecordsBatch decode(LoggedRequest request) {
        if (!KinesisWire.PUT_RECORDS_TARGET.equals(request.getHeader(KinesisWire.TARGET_HEADER))) {
            return null;
        }
        try {
            return KinesisWire.decodePutRecordsRequest(request.getHeader("Content-Type"), request.getBody());
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** Proxies PutRecords unchanged, or answers it with the stream's fault. */
    static final class PutRecordsTransformer implements ResponseDefinitionTransformerV2 {
        private final StubFaults faults;
        private final KinesisClient forwarder;

        PutRecordsTransformer(StubFaults faults, KinesisClient forwarder) {
            this.faults = faults;
            this.forwarder = forwarder;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest request = event.getRequest();
            KinesisWire.Format format = KinesisWire.Format.fromContentType(request.getHeader("Content-Type"));
            KinesisWire.PutRecordsBatch batch;
            try {
                batch = KinesisWire.decodePutRecordsRequest(format, request.getBody());
            } catch (IllegalArgumentException malformed) {
                return passThrough(event, 0); // let kinesis-local judge it
            }
            StubFaults.Decision decision = faults.decide(batch.stream());
            ResponseDefinitionBuilder answer = switch (decision.action()) {
                case PASS -> null;
                case CONNECTION_RESET -> StubResponses.reset();
                case SERVER_ERROR -> StubResponses.error(500, format, KinesisWire.INTERNAL_FAILURE,
                        "KinesisFaultStub: injected server error for " + batch.stream());
                case PARTIAL_FAILURE -> partialFailure(format, batch, decision.errorCode());
            };
            if (answer == null) {
                return passThrough(event, decision.delayMillis());
            }
            return StubResponses.withDelay(answer, decision.delayMillis()).build();
        }

        private static ResponseDefinition passThrough(ServeEvent event, long delayMillis) {
            ResponseDefinition proxy = event.getResponseDefinition();
            if (delayMillis <= 0) {
                return proxy;
            }
            ResponseDefinition delayed = ResponseDefinitionBuilder.like(proxy).withFixedDelay((int) delayMillis).build();
            delayed.setOriginalRequest(proxy.getOriginalRequest() != null ? proxy.getOriginalRequest() : event.getRequest());
            return delayed;
        }

        private ResponseDefinitionBuilder partialFailure(KinesisWire.Format format, KinesisWire.PutRecordsBatch batch,
                                                         String errorCode) {
            int n = batch.entries().size();
            KinesisWire.EntryResult[] results = new KinesisWire.EntryResult[n];
            List<Integer> forwarded = new ArrayList<>();
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i % 2 == 1) {
                    results[i] = KinesisWire.EntryResult.failure(errorCode, "Rate exceeded for shard in stream "
                            + batch.stream() + " under account 000000000000 (injected by KinesisFaultStub).");
                } else {
                    KinesisWire.Entry e = batch.entries().get(i);
                    forwarded.add(i);
                    entries.add(PutRecordsRequestEntry.builder().partitionKey(e.partitionKey())
                            .explicitHashKey(e.explicitHashKey()).data(SdkBytes.fromByteArray(e.data())).build());
                }
            }
            if (!entries.isEmpty()) {
                PutRecordsResponse response;
                try {
                    response = forwarder.putRecords(b -> b.streamName(batch.streamName())
                            .streamARN(batch.streamArn()).records(entries));
                } catch (AwsServiceException e) {
                    String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : KinesisWire.INTERNAL_FAILURE;
                    return StubResponses.error(e.statusCode() > 0 ? e.statusCode() : 500, format, code, e.getMessage());
                } catch (SdkException e) {
                    return StubResponses.error(500, format, KinesisWire.INTERNAL_FAILURE,
                            "KinesisFaultStub could not forward to kinesis-local: " + e.getMessage());
                }
                List<PutRecordsResultEntry> stored = response.records();
                for (int j = 0; j < forwarded.size(); j++) {
                    PutRecordsResultEntry r = stored.get(j);
                    results[forwarded.get(j)] = r.errorCode() != null
                            ? KinesisWire.EntryResult.failure(r.errorCode(), r.errorMessage())
                            : KinesisWire.EntryResult.success(r.sequenceNumber(), r.shardId());
                }
            }
            return StubResponses.aws(200, format.contentType(),
                    KinesisWire.encodePutRecordsResponse(format, Arrays.asList(results)));
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
