package io.ecomlog.backend.stack;

import io.ecomlog.backend.flink.EcomlogJobs;
import io.ecomlog.backend.flink.settings.ManagedFlinkProperties;
import io.ecomlog.backend.flink.settings.Parameters;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Managed Flink application of every synthesized variant: its property groups, read by the job's own reader of
 * {@code application_properties.json}, build the whole job graph (sources, jobs, sink) through the job's own
 * parameter parsing, which also refuses unknown keys. Nothing runs: the graph is built, not executed.
 */
class FlinkApplicationPropertiesTest {

    private static List<Path> propertyFiles() throws IOException {
        var dir = Path.of(System.getProperty("ecomlog.cdk.templates", "../cdk/target/templates"));
        if (!Files.isDirectory(dir)) {
            throw new AssertionError(dir.toAbsolutePath() + " does not exist: the cdk module's tests write it; build "
                    + "with -pl backend/cdk,backend/stack-engine-tests");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().equals("flink-application-properties.json"))
                    .sorted().toList();
        }
    }

    @Test
    void everyVariantsPropertyGroupsBuildTheJobGraph() throws IOException {
        var files = propertyFiles();
        assertThat(files).as("one per synthesized variant").hasSizeGreaterThanOrEqualTo(6);
        for (Path file : files) {
            var groups = ManagedFlinkProperties.read(file);
            assertThat(groups).as(file.toString()).isNotEmpty();
            var parameters = new Parameters(Parameters.fromPropertyGroups(groups).asMap());
            var env = StreamExecutionEnvironment.getExecutionEnvironment();
            EcomlogJobs.attach(env, parameters);
            var graph = env.getStreamGraph();
            assertThat(graph.getSourceIDs()).as(file.toString()).isNotEmpty();
            assertThat(graph.getStreamNodes()).extracting(n -> n.getOperatorName()).as(file.toString())
                    .anyMatch(name -> name.startsWith("alerts stream")); // the Kinesis sink's writer
        }
    }
}
