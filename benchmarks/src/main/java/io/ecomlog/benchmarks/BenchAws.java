package io.ecomlog.benchmarks;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.kinesis.AmazonKinesis;
import com.amazonaws.services.kinesis.AmazonKinesisClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * AWS settings of the appender benchmarks, all local: static {@code test}/{@code test} credentials, {@code us-east-1},
 * endpoints on 127.0.0.1; no default credentials or region chain, no EC2 metadata.
 * <ul>
 *   <li>ecomlog's appender takes credentials only from the default chain or a named profile, so
 *       {@link #writeProfileFiles()} writes a credentials file with the profile {@value #PROFILE} and an empty config
 *       file, and points {@code aws.sharedCredentialsFile} / {@code aws.configFile} at them;</li>
 *   <li>kdgregory's appender gets its SDK v1 client from {@link #kdgregoryKinesisClient()}, named in its
 *       {@code clientFactory} setting, which reads the endpoint from the system property
 *       {@value #V1_ENDPOINT_PROPERTY}.</li>
 * </ul>
 */
public final class BenchAws {

    /** The profile name in the credentials file {@link #writeProfileFiles()} writes. */
    public static final String PROFILE = "ecomlog-bench";
    /** The endpoint of {@link #kdgregoryKinesisClient()}, e.g. {@code http://127.0.0.1:4567}. */
    public static final String V1_ENDPOINT_PROPERTY = "bench.kinesis.endpoint";

    private BenchAws() {
    }

    /** Writes the credentials and (empty) config files to a new temp folder and points the SDK's properties there. */
    public static Path writeProfileFiles() throws IOException {
        Path dir = Files.createTempDirectory("ecomlog-bench-aws");
        Path credentials = dir.resolve("credentials");
        Path config = dir.resolve("config");
        Files.writeString(credentials, "[" + PROFILE + "]\naws_access_key_id = test\naws_secret_access_key = test\n");
        Files.writeString(config, "# empty: no ~/.aws/config is read\n");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        System.setProperty("aws.configFile", config.toString());
        return dir;
    }

    /** The SDK v1 Kinesis client for kdgregory's appender ({@code <clientFactory>}): local endpoint, static keys. */
    public static AmazonKinesis kdgregoryKinesisClient() {
        String endpoint = System.getProperty(V1_ENDPOINT_PROPERTY);
        if (endpoint == null || !endpoint.startsWith("http://127.0.0.1:")) {
            throw new IllegalStateException(V1_ENDPOINT_PROPERTY + " must be http://127.0.0.1:<port>, was " + endpoint);
        }
        return AmazonKinesisClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint, "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("test", "test")))
                .withClientConfiguration(new ClientConfiguration())
                .build();
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder
        }
    }
}
