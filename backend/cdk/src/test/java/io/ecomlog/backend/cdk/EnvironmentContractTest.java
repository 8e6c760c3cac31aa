package io.ecomlog.backend.cdk;

import io.ecomlog.deployment.EnvVar;
import io.ecomlog.deployment.FunctionEnvironments.FunctionEnvironment;
import io.ecomlog.deployment.FunctionEnvironments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every function the stack deploys, in every variant, is given only variables its handler declares
 * ({@link FunctionEnvironments}) and every one it requires: a variable renamed on one side only fails here, not at the
 * first cold start.
 */
class EnvironmentContractTest {

    /** The handler class of each function, and the environment it reads. */
    static final Map<String, FunctionEnvironment> BY_HANDLER = Map.of(
            Artifacts.ORDER_HISTORY, FunctionEnvironments.OrderHistory.ENVIRONMENT,
            Artifacts.ORDER_HISTORY_API, FunctionEnvironments.OrderApi.ENVIRONMENT,
            Artifacts.S3_LOG_PROCESSOR, FunctionEnvironments.S3LogProcessor.ENVIRONMENT,
            Artifacts.FIREHOSE_LOG_TRANSFORMER, FunctionEnvironments.FirehoseTransformer.ENVIRONMENT,
            Artifacts.ALERTER, FunctionEnvironments.Alerter.ENVIRONMENT,
            Artifacts.KINESIS_INDEXER, FunctionEnvironments.Indexer.ENVIRONMENT,
            Artifacts.S3_INDEXER, FunctionEnvironments.Indexer.ENVIRONMENT);

    static Stream<String> variants() {
        return Synth.VARIANTS.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyFunctionGetsWhatItsHandlerDeclaresAndRequires(String variant) {
        var functions = Cfn.properties(Synth.variant(variant).template(), "AWS::Lambda::Function");
        int checked = 0;
        for (var function : functions) {
            String handler = String.valueOf(function.get("Handler"));
            var declared = BY_HANDLER.entrySet().stream().filter(e -> handler.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (declared == null) {
                continue; // CDK's own helper functions (custom resources), not ours
            }
            checked++;
            Map<String, Object> env = Cfn.map(Cfn.at(function, "Environment.Variables"));
            for (String name : env.keySet()) {
                if (name.startsWith("POWERTOOLS_")) {
                    continue; // the metrics library's own setting, not the handler's
                }
                assertThat(declared.variable(name)).as(variant + ": " + handler + " is given " + name
                        + ", which " + declared.function() + " does not declare").isNotNull();
            }
            List<String> required = declared.required().stream().map(EnvVar::name).toList();
            assertThat(env.keySet()).as(variant + ": " + handler).containsAll(required);
        }
        assertThat(checked).as(variant + ": the stack's functions").isGreaterThanOrEqualTo(5);
    }
}
