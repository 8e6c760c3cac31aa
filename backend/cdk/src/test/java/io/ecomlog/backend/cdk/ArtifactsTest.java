package io.ecomlog.backend.cdk;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the deployed code is read from, and what the app says when some of it is not built. */
class ArtifactsTest {

    @Test
    void defaultsAreTheModulesBuildOutputOfThisVersion() {
        var a = Artifacts.defaults(Path.of("target/assets"));
        String version = Artifacts.buildVersion();
        assertThat(version).isNotBlank().doesNotContain("${");
        assertThat(a.lambdaJar()).isEqualTo(Path.of("target/assets/ecomlog-backend-lambda-aws-lambda.jar"));
        assertThat(a.openSearchJar()).isEqualTo(Path.of("target/assets/ecomlog-backend-opensearch-aws-lambda.jar"));
        assertThat(a.flinkJar()).isEqualTo(Path.of("target/assets/ecomlog-backend-flink-managed-flink.jar"));
        assertThat(a.sparkJar()).isEqualTo(Path.of("target/assets/ecomlog-backend-spark-job.jar"));
        assertThat(a.glueEtlClass()).isEqualTo("io.ecomlog.backend.spark.etl.CurateJob");
        assertThat(a.alsClass()).isEqualTo("io.ecomlog.backend.spark.als.RecommendJob");
        assertThat(a.athenaQueries().resolve("order_history.sql")).exists();
    }

    @Test
    void relativePathsResolveAgainstTheModuleDirectoryWhereverMavenRuns() {
        // the synth profile names the module's directory: from the repository root the app still finds its inputs
        var module = Path.of("").toAbsolutePath();
        var a = Artifacts.defaults(module, Path.of("target/assets"));
        assertThat(a.lambdaJar()).isEqualTo(module.resolve("target/assets/ecomlog-backend-lambda-aws-lambda.jar"));
        assertThat(a.athenaQueries().resolve("order_history.sql")).exists();
        a.requireBuilt(true);
    }

    @Test
    void contextReplacesEachPath() {
        var context = new ContextReader(Map.<String, Object>of(
                "ecomlog:assetDir", "/opt/assets", "ecomlog:flinkJar", "/opt/flink.jar",
                "ecomlog:sparkJar", "/opt/spark.jar", "ecomlog:athenaQueries", "/opt/queries")::get);
        var a = EcomlogApp.artifacts(context);
        assertThat(a.lambdaJar()).isEqualTo(Path.of("/opt/assets/ecomlog-backend-lambda-aws-lambda.jar"));
        assertThat(a.flinkJar()).isEqualTo(Path.of("/opt/flink.jar"));
        assertThat(a.sparkJar()).isEqualTo(Path.of("/opt/spark.jar"));
        assertThat(a.athenaQueries()).isEqualTo(Path.of("/opt/queries"));
    }

    @Test
    void aMissingJarStopsTheAppWithTheBuildCommand() {
        var built = Synth.artifacts();
        assertThat(built.withFlinkJar(built.flinkJar())).isEqualTo(built);
        built.requireBuilt(true);
        assertThatThrownBy(() -> built.withFlinkJar(Path.of("target/nowhere/flink.jar")).requireBuilt(false))
                .hasMessageContaining("nowhere/flink.jar is not built; run ./mvnw -pl backend/cdk -am package");
    }
}
