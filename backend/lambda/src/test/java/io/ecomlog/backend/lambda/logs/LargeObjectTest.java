package io.ecomlog.backend.lambda.logs;

import io.ecomlog.backend.aws.S3ObjectRef;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.SharedS3;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log object several times larger than the processor's heap: a child JVM with {@value #HEAP} processes a
 * {@value #OBJECT_MB} MB plain-text access log from S3Mock. It can only finish by streaming.
 */
class LargeObjectTest {

    static final String HEAP = "-Xmx48m";
    static final int OBJECT_MB = 160;

    @Test
    void anObjectMuchLargerThanTheHeapIsStreamed() throws Exception {
        var s3 = SharedS3.shared();
        String uploads = s3.uniqueBucketName("large");
        String processed = s3.uniqueBucketName("large-out");
        s3.createBucket(uploads);
        s3.createBucket(processed);
        Path file = Files.createTempFile(LocalAws.targetDir(), "large-", ".log");
        long lines = write(file, OBJECT_MB * (1L << 20));
        s3.client().putObject(b -> b.bucket(uploads).key("big/access.log"), RequestBody.fromFile(file));
        Files.delete(file);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(java, HEAP, "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), s3.endpoint().toString(), uploads, "big/access.log", processed);
        pb.environment().put("AWS_EMF_ENVIRONMENT", "Local");
        pb.redirectErrorStream(true);
        Path log = LocalAws.targetDir().resolve("large-object-child.log");
        pb.redirectOutput(log.toFile());
        Process child = pb.start();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("child finished").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("RESULT lines=" + lines + " events=" + lines + " rejected=0");
    }

    /** Writes access-log lines spread over a few hours until the file has {@code bytes}; returns the line count. */
    private static long write(Path file, long bytes) throws IOException {
        long written = 0;
        long count = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < bytes) {
                int hour = (int) (count / 400_000) % 24;
                String line = String.format("10.%d.%d.%d - - [17/May/2015:%02d:%02d:%02d +0000] \"GET /product/%d "
                                + "HTTP/1.1\" 200 %d \"https://shop.example/\" \"Mozilla/5.0 (X11; Linux x86_64)\"\n",
                        count % 200, count % 250, count % 13, hour, count % 60, count % 59, count % 5000, count % 9000);
                w.write(line);
                written += line.length();
                count++;
            }
        }
        return count;
    }

    /** Runs in the small-heap JVM. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            var client = LocalAws.configure(S3Client.builder(), URI.create(args[0]))
                    .forcePathStyle(true).build();
            var processor = new S3LogProcessor(new EnvConfig(Map.of("PROCESSED_BUCKET", args[3],
                    "TMP_DIR", LocalAws.targetDir().toString())), client);
            var summary = processor.process(new S3ObjectRef(args[1], args[2], -1, null));
            System.out.println("RESULT lines=" + summary.lines() + " events=" + summary.events() + " rejected="
                    + summary.rejected() + " parts=" + summary.outputKeys().size() + " maxHeap="
                    + Runtime.getRuntime().maxMemory());
        }
    }
}
