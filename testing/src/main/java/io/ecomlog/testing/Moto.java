package io.ecomlog.testing;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stand-in for the services that have no other: one <a href="https://github.com/getmoto/moto">moto</a> server
 * ({@code moto_server}, Python, preinstalled on the build machine: it is not on Maven Central) per test JVM, started
 * on first use on a free port, stopped with the JVM (even on SIGKILL, through {@link NodeStandIn}'s stdin
 * watchdog). It implements Firehose delivering into its own S3, SNS delivering to SQS subscriptions, and
 * CloudWatch. Its account is {@value #ACCOUNT}: ARNs it hands out carry it. Output in
 * {@code target/moto-<port>.log}.
 */
public final class Moto {

    /** The account moto puts in every ARN. */
    public static final String ACCOUNT = "123456789012";
    /** System property naming the {@code moto_server} executable (default: on the PATH). */
    public static final String EXECUTABLE_PROPERTY = "ecomlog.moto";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final OncePerJvm<Moto> SHARED = new OncePerJvm<>("moto_server", Moto::start);

    private final int port;
    private final Process process;
    private final Path log;

    private Moto(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** The per-JVM instance, started on the first call (1–2 s). */
    public static Moto shared() {
        return SHARED.get();
    }

    public URI endpoint() {
        return LocalAws.httpEndpoint(port);
    }

    /** Points a client builder of any service at moto (endpoint, static credentials, region, no profile files). */
    public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        return LocalAws.configure(builder, endpoint());
    }

    private static Moto start() {
        int port = LocalAws.freePort();
        Path log = LocalAws.targetDir().resolve("moto-" + port + ".log");
        String executable = System.getProperty(EXECUTABLE_PROPERTY, "moto_server");
        var pb = new ProcessBuilder(List.of("sh", "-c", NodeStandIn.WATCHDOG, "sh", executable,
                "-H", LocalAws.LOOPBACK, "-p", Integer.toString(port)));
        pb.redirectErrorStream(true).redirectOutput(log.toFile()).directory(LocalAws.targetDir().toFile());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto_server: " + e.getMessage(), e);
        }
        var moto = new Moto(port, process, log);
        try {
            moto.awaitServing();
        } catch (RuntimeException e) {
            moto.stop();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(moto::stop, "moto-stop"));
        return moto;
    }

    /** Ready once its management API answers. */
    private void awaitServing() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + " (is moto "
                        + "installed with its server extra, `moto_server` on the PATH?); output:\n" + tail());
            }
            try {
                var connection = (HttpURLConnection) URI.create(endpoint() + "/moto-api/").toURL().openConnection();
                connection.setConnectTimeout(200);
                connection.setReadTimeout(2_000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("moto_server did not answer within " + START_TIMEOUT + "; output:\n"
                        + tail());
            }
            NodeStandIn.sleep(50);
        }
    }

    private String tail() {
        try {
            var lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private void stop() {
        process.destroy();
        try {
            process.getOutputStream().close(); // ends the watchdog's wait for EOF
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException ignored) {
            // already closed
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
