package io.ecomlog.spring;

import org.springframework.beans.factory.ObjectProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The AWS SDK clients the ecomlog client sends with: the application's {@link KinesisClient}, {@link FirehoseClient}
 * and {@link S3Client} beans when there is exactly one of a kind (never closed here: they are the application's), or
 * else clients built from {@code ecomlog.aws.*} with the application's {@link AwsCredentialsProvider} bean or the
 * SDK's default credential chain. Only those built here are closed, by {@link #close()}, after the ecomlog client
 * (which depends on this bean) was closed. Building a client makes no network call.
 */
public final class EcomlogAwsClients implements AutoCloseable {

    private final EcomlogProperties.Aws settings;
    private final ObjectProvider<KinesisClient> kinesisBeans;
    private final ObjectProvider<FirehoseClient> firehoseBeans;
    private final ObjectProvider<S3Client> s3Beans;
    private final ObjectProvider<AwsCredentialsProvider> credentialBeans;
    private final List<SdkAutoCloseable> owned = new ArrayList<>();

    public EcomlogAwsClients(EcomlogProperties.Aws settings, ObjectProvider<KinesisClient> kinesisBeans,
                             ObjectProvider<FirehoseClient> firehoseBeans, ObjectProvider<S3Client> s3Beans,
                             ObjectProvider<AwsCredentialsProvider> credentialBeans) {
        this.settings = settings;
        this.kinesisBeans = kinesisBeans;
        this.firehoseBeans = firehoseBeans;
        this.s3Beans = s3Beans;
        this.credentialBeans = credentialBeans;
    }

    public KinesisClient kinesis() {
        return applicationOr(kinesisBeans,
                () -> configure(KinesisClient.builder(), first(settings.getKinesisEndpoint())).build());
    }

    public FirehoseClient firehose() {
        return applicationOr(firehoseBeans,
                () -> configure(FirehoseClient.builder(), first(settings.getFirehoseEndpoint())).build());
    }

    public S3Client s3() {
        return applicationOr(s3Beans, () -> {
            URI endpoint = first(settings.getS3Endpoint());
            var builder = configure(S3Client.builder(), endpoint);
            if (endpoint != null) {
                builder.forcePathStyle(true); // local stand-ins and most VPC set-ups answer path-style requests
            }
            return builder.build();
        });
    }

    /** How many SDK clients were built here (and will be closed here). */
    public synchronized int ownedClients() {
        return owned.size();
    }

    private synchronized <C extends SdkAutoCloseable> C applicationOr(ObjectProvider<C> beans, Supplier<C> build) {
        if (settings.isUseApplicationClients()) {
            C application = beans.getIfUnique();
            if (application != null) {
                return application;
            }
        }
        C client = build.get();
        owned.add(client);
        return client;
    }

    private URI first(URI serviceEndpoint) {
        return serviceEndpoint != null ? serviceEndpoint : settings.getEndpoint();
    }

    private <B extends AwsClientBuilder<B, C>, C> B configure(B builder, URI endpoint) {
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (settings.getRegion() != null && !settings.getRegion().isBlank()) {
            builder.region(Region.of(settings.getRegion().trim()));
        }
        builder.credentialsProvider(credentialBeans.getIfUnique(() -> DefaultCredentialsProvider.builder().build()));
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            // name the HTTP client, so another one on the class path cannot make the SDK's discovery ambiguous
            sync.httpClientBuilder(ApacheHttpClient.builder());
        }
        return builder;
    }

    /** Closes the clients built here; the application's are left alone. */
    @Override
    public synchronized void close() {
        for (var client : owned) {
            try {
                client.close();
            } catch (RuntimeException ignored) {
                // closing at shutdown: nothing more to do
            }
        }
        owned.clear();
    }
}
