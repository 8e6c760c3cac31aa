package io.ecomlog.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB stand-in: one <a href="https://github.com/architect/dynalite">dynalite</a> (DynamoDB's API on an
 * in-memory LevelDB, MIT-licensed; DynamoDB Local's licence rules it out here) per test JVM, started on first use on
 * a free port, stopped with the JVM. It implements the expression grammar (conditions, updates, key conditions) and
 * local secondary indexes, not transactions — the backend's writes need no transaction.
 */
public final class Dynalite {

    private static final OncePerJvm<Dynalite> SHARED = new OncePerJvm<>("dynalite", Dynalite::start);

    private final int port;
    private final DynamoDbClient client;

    private Dynalite(int port) {
        this.port = port;
        this.client = LocalAws.configure(DynamoDbClient.builder(), endpoint()).build();
    }

    /** The per-JVM instance, started on the first call (≈0.5 s). */
    public static Dynalite shared() {
        return SHARED.get();
    }

    private static Dynalite start() {
        int port = LocalAws.freePort();
        NodeStandIn.start("dynalite", "cli.js", List.of("--host", LocalAws.LOOPBACK, "--port",
                Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs",
                "0"), Map.of(), port);
        return new Dynalite(port);
    }

    public URI endpoint() {
        return LocalAws.httpEndpoint(port);
    }

    /** A client for this endpoint (static credentials, 127.0.0.1); shared, do not close. */
    public DynamoDbClient client() {
        return client;
    }

    /** Creates a table and waits until it is ACTIVE. */
    public void createTable(CreateTableRequest request) {
        client.createTable(request);
        for (int i = 0; i < 200; i++) {
            var status = client.describeTable(DescribeTableRequest.builder().tableName(request.tableName()).build())
                    .table().tableStatus();
            if (status == TableStatus.ACTIVE) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("table " + request.tableName() + " did not become ACTIVE");
    }
}
