package io.ecomlog.logback;

import io.ecomlog.event.LogRecord;
import io.ecomlog.testing.KinesisFaultStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exits lose nothing at default settings: 200,000 lines logged in one burst (faster than kinesis-local takes them),
 * then LoggerContext.stop() and JVM exit; a second start of the same application delivers what the first could not
 * send before its close deadline, from the default spool, without logging anything.
 */
class EcomlogAppenderBurstTest {

    private static final int LINES = 200_000;
    private static final java.util.regex.Pattern LINE_NUMBER = java.util.regex.Pattern.compile("burst line (\\d{7})");

    @TempDir
    Path spoolRoot;

    @Test
    void aBurstThenExitAtDefaultsLosesNothingAndTheNextStartDeliversTheRest() throws Exception {
        var stub = KinesisFaultStub.shared();
        var kinesis = stub.kinesisLocal();
        String stream = kinesis.uniqueStreamName("logback-burst");
        kinesis.createStream(stream, 2);

        // a slow network for the first run, so that its 5 s close cannot send everything (on a fast machine it
        // otherwise could, and the second start would have nothing to show)
        stub.faults().latency(stream, Duration.ofSeconds(2));
        List<String> burst;
        try {
            burst = runChild(stream, "burst", String.valueOf(LINES));
        } finally {
            stub.faults().heal(stream);
        }
        assertThat(burst).as("the first run dropped nothing").contains("DROPPED 0");
        var replay = runChild(stream, "replay");
        assertThat(replay).as("the second run dropped nothing").contains("DROPPED 0");

        var events = LogbackConfigs.decode(kinesis.readAll(stream).stream().map(r -> r.data()).toList());
        var lines = new ArrayList<String>(events.size());
        for (var e : events) {
            var m = LINE_NUMBER.matcher(((LogRecord) e.payload()).message());
            assertThat(m.find()).isTrue();
            lines.add(m.group(1));
        }
        var distinct = new HashSet<>(lines);
        System.out.printf("burst of %d lines: %d records read back, %d distinct, replayed by the second run: %s%n",
                LINES, lines.size(), distinct.size(), replay.stream().filter(l -> l.startsWith("REPLAYED")).toList());
        // at-least-once: a PutRecords call still in flight (slow network) at the close deadline is spooled as well
        assertThat(distinct).as("every line arrived").hasSize(LINES);
        assertThat(replay).as("the second run replayed some").noneMatch(l -> l.equals("REPLAYED 0"));
    }

    private List<String> runChild(String stream, String... args) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "-Decomlog.spool.root=" + spoolRoot,
                "-Daws.sharedCredentialsFile=" + System.getProperty("aws.sharedCredentialsFile"),
                "-Daws.configFile=" + System.getProperty("aws.configFile"),
                "-DKINESIS_STREAM=" + stream,
                "-DKINESIS_ENDPOINT=" + KinesisFaultStub.shared().endpoint(),
                BurstChild.class.getName()));
        command.addAll(List.of(args));
        var child = new ProcessBuilder(command).redirectErrorStream(true).start();
        var out = new ArrayList<String>();
        try (var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.add(line);
            }
        }
        assertThat(child.waitFor(4, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(String.join("\n", out)).isZero();
        out.stream().filter(l -> l.startsWith("STATS") || l.startsWith("DROPPED") || l.startsWith("REPLAYED"))
                .forEach(System.out::println);
        return out;
    }

    static {
        LogbackConfigs.useTestProfile();
    }
}
