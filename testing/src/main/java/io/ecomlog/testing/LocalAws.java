package io.ecomlog.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Common plumbing for the local AWS stand-ins: every SDK client built for a test goes through
 * {@link #configure} so that it talks to 127.0.0.1 only, with static {@code test/test} credentials,
 * {@link Region#US_EAST_1} and an empty profile file — no default provider chain, no
 * {@code ~/.aws} files, no instance metadata.
 *
 * <p>Also hands out free loopback ports, the build's {@code target/} directory and unique names.
 */
public final class LocalAws {

    /** The only address the stand-ins are reached at. */
    public static final String LOOPBACK = Loopback.ADDRESS;

    /** Region every test client uses. */
    public static final Region REGION = Region.US_EAST_1;

    /** Static test credentials ({@code test/test}); kinesis-local maps them to account 000000000000. */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    /** System property the AWS SDK reads (when a Kinesis client is built) to pick CBOR or JSON. */
    static final String CBOR_PROPERTY = "aws.cborEnabled";

    private static final Object CBOR_LOCK = new Object();
    private static final AtomicLong NAME_COUNTER = new AtomicLong();

    private LocalAws() {
    }

    /**
     * Points an SDK client builder (sync or async, any service) at a local endpoint: endpoint override,
     * static credentials, region, empty profile file; sync builders also get the Apache HTTP client
     * explicitly so no HTTP implementation is discovered from the classpath.
     */
    public static <B extends AwsClientBuilder<B, C>, C> B configure(B builder, URI endpoint) {
        return configure(builder, endpoint, null);
    }

    /**
     * Like {@link #configure(AwsClientBuilder, URI)}, with caller-supplied overrides (retry strategy,
     * timeouts...). An empty profile file is added unless {@code override} sets one.
     */
    public static <B extends AwsClientBuilder<B, C>, C> B configure(
            B builder, URI endpoint, ClientOverrideConfiguration override) {
        ClientOverrideConfiguration.Builder cfg = override == null
                ? ClientOverrideConfiguration.builder() : override.toBuilder();
        if (override == null || (override.defaultProfileFile().isEmpty()
                && override.defaultProfileFileSupplier().isEmpty())) {
            cfg.defaultProfileFile(ProfileFile.aggregator().build()).defaultProfileName("default");
        }
        builder.endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(cfg.build());
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(ApacheHttpClient.builder());
        }
        return builder;
    }

    /** Client overrides that turn the SDK's own retries off, for tests that count calls. */
    public static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .build();
    }

    /**
     * Builds a client with {@code aws.cborEnabled=false} in force, so a Kinesis client built inside
     * {@code build} speaks JSON 1.1 (base64 Data) instead of CBOR. The SDK reads the property once,
     * when the client is constructed; the previous value is restored afterwards. Builds through this
     * method are serialized; a Kinesis client built concurrently elsewhere could see the property.
     */
    public static <T> T withCborDisabled(Supplier<T> build) {
        synchronized (CBOR_LOCK) {
            String previous = System.getProperty(CBOR_PROPERTY);
            System.setProperty(CBOR_PROPERTY, "false");
            try {
                return build.get();
            } finally {
                if (previous == null) {
                    System.clearProperty(CBOR_PROPERTY);
                } else {
                    System.setProperty(CBOR_PROPERTY, previous);
                }
            }
        }
    }

    /** A TCP port that was free on 127.0.0.1 a moment ago (ephemeral range). */
    public static int freePort() {
        return Loopback.freePort();
    }

    /** {@code http://127.0.0.1:port}. */
    public static URI httpEndpoint(int port) {
        return Loopback.httpEndpoint(port);
    }

    /**
     * The module's {@code target/} directory (from surefire's {@code basedir} property, else
     * {@code ./target}), created if needed.
     */
    public static Path targetDir() {
        String basedir = System.getProperty("basedir");
        Path dir = basedir != null ? Paths.get(basedir, "target") : Paths.get("target");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.toAbsolutePath().normalize();
    }

    /**
     * A name unique within this JVM and very likely across JVMs: {@code prefix-<n>-<random>},
     * lower case, only {@code [a-z0-9-]} (valid for Kinesis, Firehose and S3 buckets).
     */
    public static String uniqueName(String prefix) {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String suffix = NAME_COUNTER.incrementAndGet() + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        return clean + "-" + suffix;
    }

    /**
     * Wraps a shared client so that {@code close()} does nothing: tests may use it in
     * try-with-resources without breaking it for the rest of the JVM.
     */
    static <T extends SdkAutoCloseable> T nonClosing(Class<T> type, T delegate) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    if (method.getParameterCount() == 0 && method.getName().equals("close")) {
                        return null;
                    }
                    if (method.getDeclaringClass() == Object.class && method.getName().equals("equals")) {
                        return self == args[0];
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return type.cast(proxy);
    }
}
