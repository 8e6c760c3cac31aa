package io.ecomlog.backend.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

import java.nio.file.Path;

/**
 * The CDK app ({@code cdk.json} runs it): the backend stack, the pipeline stack when {@code ecomlog:pipeline} is
 * true, and cdk-nag's AwsSolutions checks over both, so a finding fails {@code cdk synth}.
 */
public final class EcomlogApp {

    /** System property naming this module's directory (set by the synth profile), for relative asset paths. */
    static final String MODULE_DIR_PROPERTY = "ecomlog.cdk.moduleDir";

    private EcomlogApp() {
    }

    public static void main(String[] args) {
        var app = new App();
        var context = new ContextReader(app.getNode()::tryGetContext);
        var config = EcomlogConfig.fromContext(context);
        var artifacts = artifacts(context);
        artifacts.requireBuilt(config.openSearchEnabled());
        build(app, context, config, artifacts);
        app.synth();
    }

    /** The defaults of {@link Artifacts}, each path replaceable from context (ecomlog:flinkJar and so on). */
    static Artifacts artifacts(ContextReader context) {
        var a = Artifacts.defaults(Path.of(System.getProperty(MODULE_DIR_PROPERTY, "")),
                Path.of(context.string("assetDir", "target/assets")));
        String flink = context.optional("flinkJar");
        String spark = context.optional("sparkJar");
        String queries = context.optional("athenaQueries");
        if (flink != null) {
            a = a.withFlinkJar(Path.of(flink));
        }
        if (spark != null) {
            a = a.withSparkJar(Path.of(spark));
        }
        if (queries != null) {
            a = a.withAthenaQueries(Path.of(queries));
        }
        return a;
    }

    /** Adds the stacks to {@code app}; the tests call this with artifacts of their own. */
    static void build(App app, ContextReader context, EcomlogConfig config, Artifacts artifacts) {
        // access logs are delivered by bucket policy, so every bucket can keep ACLs disabled (owner enforced)
        app.getNode().setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
        var props = StackProps.builder()
                .description("ecomlog backend: event streams, lake, functions, search, analytics, alarms")
                .env(environment())
                .build();
        new EcomlogStack(app, config.prefix() + "-backend", props, config, artifacts);
        if (context.bool("pipeline", false)) {
            new PipelineStack(app, config.prefix() + "-pipeline", props,
                    PipelineStack.Source.fromContext(context), config, artifacts);
        }
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    }

    /** The CLI's account and region when it gives them (cdk deploy does); otherwise an environment-agnostic stack. */
    private static Environment environment() {
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        return account == null || region == null ? null
                : Environment.builder().account(account).region(region).build();
    }
}
