package io.ecomlog.backend.cdk;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.StageProps;
import software.amazon.awscdk.pipelines.AddStageOpts;
import software.amazon.awscdk.pipelines.CodeBuildOptions;
import software.amazon.awscdk.pipelines.CodePipeline;
import software.amazon.awscdk.pipelines.CodePipelineSource;
import software.amazon.awscdk.pipelines.ConnectionSourceOptions;
import software.amazon.awscdk.pipelines.ManualApprovalStep;
import software.amazon.awscdk.pipelines.ShellStep;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codebuild.ComputeType;
import software.amazon.awscdk.services.codebuild.LinuxBuildImage;
import software.amazon.awscdk.services.codepipeline.CfnPipeline;
import software.amazon.awscdk.services.iam.CfnPolicy;
import software.constructs.Construct;
import software.constructs.IConstruct;

import java.util.List;
import java.util.Map;

/**
 * CI/CD with CDK Pipelines: on each commit to the configured branch, CodeBuild builds and tests the whole project
 * ({@code ./mvnw verify}, the stack's own tests and cdk-nag included), synthesizes the app, the pipeline updates
 * itself, and after a manual approval deploys the backend stack to production.
 */
public final class PipelineStack extends Stack {

    /** Where the pipeline takes its source from: {@code ecomlog:repository}, {@code :branch}, {@code :connectionArn}. */
    public record Source(String repository, String branch, String connectionArn) {

        static Source fromContext(ContextReader c) {
            String repository = c.matching("repository", null, "[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+",
                    "owner/name of the repository");
            String connection = c.matching("connectionArn", null,
                    "arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:[0-9]{12}:connection/.+",
                    "the ARN of a CodeConnections connection to the repository's host");
            if (repository == null || connection == null) {
                throw ContextReader.invalid(repository == null ? "repository" : "connectionArn",
                        "must be set when ecomlog:pipeline is true", "");
            }
            return new Source(repository, c.string("branch", "main"), connection);
        }
    }

    private final CodePipeline pipeline;

    public PipelineStack(Construct scope, String id, StackProps props, Source source, EcomlogConfig config,
                         Artifacts artifacts) {
        super(scope, id, props);
        var input = CodePipelineSource.connection(source.repository(), source.branch(),
                ConnectionSourceOptions.builder().connectionArn(source.connectionArn()).build());
        pipeline = CodePipeline.Builder.create(this, "Pipeline")
                .pipelineName(config.prefix() + "-deploy")
                .crossAccountKeys(true)
                .enableKeyRotation(true)
                .codeBuildDefaults(CodeBuildOptions.builder().buildEnvironment(BuildEnvironment.builder()
                        .buildImage(LinuxBuildImage.STANDARD_7_0).computeType(ComputeType.LARGE).build()).build())
                .synth(ShellStep.Builder.create("BuildTestSynth")
                        .input(input)
                        .installCommands(List.of("npm install -g aws-cdk@2"))
                        .commands(List.of(
                                "./mvnw -B -ntp verify",
                                "cd backend/cdk && cdk synth"))
                        .primaryOutputDirectory("backend/cdk/cdk.out")
                        .build())
                .build();
        pipeline.addStage(new BackendStage(this, "Production", config, artifacts),
                AddStageOpts.builder().pre(List.of(new ManualApprovalStep("ApproveProduction"))).build());
        pipeline.buildPipeline();
        narrowListBucket();
        subInsteadOfEmptyJoins();
        Nag.suppress(this, "AwsSolutions-S1",
                "The pipeline's artifact bucket holds build outputs for a few days; access logs add nothing.");
        Nag.suppress(this, "AwsSolutions-IAM5",
                "CDK Pipelines scopes its CodeBuild and CodePipeline roles to the pipeline's own resources and the "
                        + "bootstrap roles (cdk-*); the wildcards are its generated report groups, log streams and "
                        + "artifact keys.");
    }

    /**
     * CDK Pipelines lets its self-mutation project list every bucket of the account ({@code s3:ListBucket} on
     * {@code *}) although it only reads the CDK bootstrap buckets: narrow each such statement to those buckets.
     */
    private void narrowListBucket() {
        for (IConstruct c : getNode().findAll()) {
            if (!(c instanceof CfnPolicy policy)) {
                continue;
            }
            var document = (Map<?, ?>) resolve(policy.getPolicyDocument());
            var statements = (List<?>) document.get("Statement");
            for (int i = 0; i < statements.size(); i++) {
                var statement = (Map<?, ?>) statements.get(i);
                if ("s3:ListBucket".equals(statement.get("Action")) && "*".equals(statement.get("Resource"))) {
                    policy.addPropertyOverride("PolicyDocument.Statement." + i + ".Resource",
                            "arn:" + Aws.PARTITION + ":s3:::cdk-*");
                }
            }
        }
    }

    /**
     * CDK Pipelines writes the ARNs in its actions' Configuration as an {@code Fn::Join} with an empty delimiter,
     * which cfn-lint rejects (E3703, "prefer Fn::Sub"): rewrite each as the equivalent {@code Fn::Sub}.
     */
    private void subInsteadOfEmptyJoins() {
        var cfn = (CfnPipeline) pipeline.getPipeline().getNode().getDefaultChild();
        var stages = (List<?>) resolve(cfn.getStages());
        for (int s = 0; s < stages.size(); s++) {
            // the L1 properties resolve with their Java names (actions, configuration), the overrides take CFN's
            var actions = (List<?>) ((Map<?, ?>) stages.get(s)).get("actions");
            for (int a = 0; a < actions.size(); a++) {
                var configuration = (Map<?, ?>) ((Map<?, ?>) actions.get(a)).get("configuration");
                if (configuration == null) {
                    continue;
                }
                for (var entry : configuration.entrySet()) {
                    String sub = asSub(entry.getValue());
                    if (sub != null) {
                        cfn.addPropertyOverride("Stages." + s + ".Actions." + a + ".Configuration." + entry.getKey(),
                                Map.of("Fn::Sub", sub));
                    }
                }
            }
        }
    }

    /** The Fn::Sub string of an empty-delimiter Fn::Join of literals and Refs, or null for anything else. */
    private static String asSub(Object value) {
        if (!(value instanceof Map<?, ?> m) || !(m.get("Fn::Join") instanceof List<?> join) || !"".equals(join.get(0))) {
            return null;
        }
        var out = new StringBuilder();
        for (Object part : (List<?>) join.get(1)) {
            if (part instanceof String literal) {
                out.append(literal.replace("${", "${!"));
            } else if (part instanceof Map<?, ?> ref && ref.size() == 1 && ref.get("Ref") instanceof String name) {
                out.append("${").append(name).append('}');
            } else {
                return null;
            }
        }
        return out.toString();
    }

    CodePipeline pipeline() {
        return pipeline;
    }

    /** The deployed unit: the backend stack, as the pipeline deploys it. */
    static final class BackendStage extends Stage {
        BackendStage(Construct scope, String id, EcomlogConfig config, Artifacts artifacts) {
            super(scope, id, StageProps.builder().build());
            new EcomlogStack(this, config.prefix() + "-backend", StackProps.builder().build(), config, artifacts);
        }
    }
}
