package io.ecomlog.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A process that spools (its destination and backup are down) is killed with SIGKILL while it keeps writing; a new
 * process on the same spool folder delivers every event the first one reported as spooled.
 */
class SpoolCrashTest {

    @TempDir
    Path dir;

    /** The child: destination down, no backup, a spool; reports how many events are safely spooled, never stops. */
    public static void main(String[] args) throws Exception {
        var destination = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.DOWN);
        var client = EcomlogClient.builder().destination(destination).producerId("child").shutdownHook(false)
                .linger(Duration.ofMillis(5)).recordTtl(Duration.ofMillis(20))
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .spoolDirectory(Path.of(args[0])).build();
        for (int i = 0; ; i++) {
            client.submitJson(TestLines.line(i));
            if ((i + 1) % 100 == 0 && client.flush(Duration.ofSeconds(10))) {
                System.out.println("SPOOLED " + (i + 1));
                System.out.flush();
            }
        }
    }

    @Test
    void eventsSpooledBeforeAKillNineAreDeliveredAfterRestart() throws Exception {
        var spoolDir = dir.resolve("spool");
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SpoolCrashTest.class.getName(), spoolDir.toString())
                .redirectErrorStream(true)
                .start();
        int spooled = 0;
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("SPOOLED ")) {
                    spooled = Integer.parseInt(line.substring(8));
                    if (spooled >= 2_000) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, mid-write
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(spooled).as("the child reported spooled events before it was killed").isGreaterThanOrEqualTo(2_000);

        var destination = new ScriptedDestination("scripted");
        try (var restarted = EcomlogClient.builder().destination(destination).producerId("restarted")
                .shutdownHook(false).spoolDirectory(spoolDir).build()) {
            int expected = spooled;
            await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                    assertThat(destination.receivedIds()).containsAll(TestLines.ids(0, expected)));
            assertThat(restarted.stats().droppedTotal()).isZero();
        }
    }
}
