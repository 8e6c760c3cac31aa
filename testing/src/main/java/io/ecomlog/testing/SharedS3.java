package io.ecomlog.testing;

import com.adobe.testing.s3mock.S3MockApplication;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The S3 stand-in: one in-process <a href="https://github.com/adobe/S3Mock">S3Mock</a> per test JVM,
 * started on first use (a few seconds: it is a Spring Boot application) and stopped by a JVM shutdown
 * hook. Plain HTTP only, every connector bound to 127.0.0.1 on a free port, its file store under
 * {@code target/s3mock/<run>} (deleted when it stops), no config files or banner of its own.
 *
 * <p>Clients use path-style addressing ({@code forcePathStyle(true)}).
 */
public final class SharedS3 {

    private static final String LOGGING_SYSTEM_PROPERTY = "org.springframework.boot.logging.LoggingSystem";
    private static final OncePerJvm<SharedS3> SHARED = new OncePerJvm<>("S3Mock", SharedS3::start);

    private final ConfigurableApplicationContext context;
    private final int port;
    private final S3Client sharedClient;

    private SharedS3(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
        this.sharedClient = LocalAws.nonClosing(S3Client.class, newClient((ClientOverrideConfiguration) null));
    }

    /** The per-JVM instance, started on the first call. */
    public static SharedS3 shared() {
        return SHARED.get();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return LocalAws.httpEndpoint(port);
    }

    /** A shared path-style client; {@code close()} on it is a no-op. */
    public S3Client client() {
        return sharedClient;
    }

    /** A new path-style client with the given overrides ({@code null} for none); the caller closes it. */
    public S3Client newClient(ClientOverrideConfiguration override) {
        return LocalAws.configure(S3Client.builder(), endpoint(), override).forcePathStyle(true).build();
    }

    /** A new path-style client; {@code customizer} runs after the local defaults. The caller closes it. */
    public S3Client newClient(Consumer<S3ClientBuilder> customizer) {
        S3ClientBuilder builder = LocalAws.configure(S3Client.builder(), endpoint()).forcePathStyle(true);
        customizer.accept(builder);
        return builder.build();
    }

    /** Creates a bucket (an existing one of ours is fine). */
    public void createBucket(String bucket) {
        try {
            sharedClient.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // fine
        }
    }

    /** A valid, unique bucket name: {@code prefix-<n>-<random>} in lower case. */
    public String uniqueBucketName(String prefix) {
        String head = prefix.length() > 40 ? prefix.substring(0, 40) : prefix;
        return LocalAws.uniqueName(head).replaceAll("^[^a-z0-9]+", "b");
    }

    /** Every object under {@code prefix} ({@code ""} for all): key → body, sorted by key. */
    public Map<String, byte[]> readAll(String bucket, String prefix) {
        Map<String, byte[]> objects = new TreeMap<>();
        for (S3Object object : sharedClient.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            objects.put(object.key(),
                    sharedClient.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asByteArray());
        }
        return objects;
    }

    // ---------------------------------------------------------------- lifecycle

    private static SharedS3 start() {
        Path root;
        try {
            Path base = Files.createDirectories(LocalAws.targetDir().resolve("s3mock"));
            root = Files.createTempDirectory(base, "run-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] args = {
            "--server.address=" + LocalAws.LOOPBACK,
            "--server.port=0",
            "--server.ssl.enabled=false",
            "--http.port=0",
            "--com.adobe.testing.s3mock.domain.root=" + root,
            "--com.adobe.testing.s3mock.domain.retain-files-on-exit=false",
            "--com.adobe.testing.s3mock.region=" + LocalAws.REGION.id(),
            // read no application.properties/yaml: neither S3Mock's nor the test classpath's
            "--spring.config.name=ecomlog-shared-s3-no-config",
            "--spring.jmx.enabled=false",
            // S3Mock streams a GET's body asynchronously: a slow reader (a JVM starved of CPU on busy cores) must not
            // hit the servlet container's async timeout halfway through a large object
            "--spring.mvc.async.request-timeout=10m",
            "--spring.main.banner-mode=off",
            "--logging.level.root=WARN",
            // two unnamed connectors would make actuator's Jetty metrics warn about a duplicate gauge
            "--spring.autoconfigure.exclude="
                    + "org.springframework.boot.actuate.autoconfigure.metrics.web.jetty.JettyMetricsAutoConfiguration",
        };
        QuietLogback.quiet("org.springframework", "org.eclipse.jetty", "com.adobe.testing.s3mock");
        // Spring Boot would otherwise take over (and reset) the JVM's Logback or fail next to another
        // SLF4J binding; S3Mock logs through whatever the tests configured.
        String previousLogging = System.getProperty(LOGGING_SYSTEM_PROPERTY);
        if (previousLogging == null) {
            System.setProperty(LOGGING_SYSTEM_PROPERTY, "none");
        }
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(S3MockApplication.class)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .initializers(ctx -> ctx.getBeanFactory()
                            .registerSingleton("ecomlogLoopbackConnectors", new LoopbackConnectors()))
                    .run(args);
        } finally {
            if (previousLogging == null) {
                System.clearProperty(LOGGING_SYSTEM_PROPERTY);
            }
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        SharedS3 s3 = new SharedS3(context, port);
        Runtime.getRuntime().addShutdownHook(new Thread(s3::stop, "shared-s3-stop"));
        return s3;
    }

    private void stop() {
        try {
            context.close();
        } catch (RuntimeException ignored) {
            // shutting down
        }
    }

    /**
     * When Logback is the SLF4J binding (s3mock brings it), S3Mock's chatty INFO start-up lines go to the
     * test output; this raises the level of its loggers to WARN unless the test configuration set one.
     */
    static final class QuietLogback {
        static void quiet(String... loggers) {
            try {
                Class.forName("ch.qos.logback.classic.Logger", false, SharedS3.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError noLogback) {
                return;
            }
            for (String name : loggers) {
                if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger
                        && logger.getLevel() == null) {
                    logger.setLevel(ch.qos.logback.classic.Level.WARN);
                }
            }
        }
    }

    /** Binds S3Mock's connectors (its main one and the extra plain-HTTP one it adds) to 127.0.0.1. */
    static final class LoopbackConnectors implements WebServerFactoryCustomizer<JettyServletWebServerFactory> {

        @Override
        public void customize(JettyServletWebServerFactory factory) {
            factory.addServerCustomizers(server -> {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof ServerConnector serverConnector) {
                        serverConnector.setHost(LocalAws.LOOPBACK);
                    }
                }
            });
        }
    }
}
