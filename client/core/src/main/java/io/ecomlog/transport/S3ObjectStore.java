package io.ecomlog.transport;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;

/** An S3 bucket through the SDK v2 client. */
public final class S3ObjectStore implements ObjectStore {

    private final S3Client client;
    private final String bucket;
    private final boolean ownsClient;

    public S3ObjectStore(S3Client client, String bucket, boolean ownsClient) {
        this.client = client;
        this.bucket = bucket;
        this.ownsClient = ownsClient;
    }

    @Override
    public String describe() {
        return "s3://" + bucket;
    }

    @Override
    public void put(String key, byte[] body) {
        client.putObject(b -> b.bucket(bucket).key(key).contentType("application/x-ndjson"),
                RequestBody.fromBytes(body));
    }

    @Override
    public List<String> list(String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    @Override
    public byte[] get(String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
