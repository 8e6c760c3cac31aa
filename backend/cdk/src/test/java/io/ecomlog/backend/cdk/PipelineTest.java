package io.ecomlog.backend.cdk;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CDK Pipelines stack: build and test on each commit, manual approval, then production. */
class PipelineTest {

    private final Synth.Synthesized synth = Synth.variant("pipeline");

    @Test
    void buildsTestsAndDeploysAfterAManualApproval() {
        var template = synth.pipelineTemplate();
        var pipeline = Cfn.properties(template, "AWS::CodePipeline::Pipeline").get(0);
        var stages = Cfn.list(pipeline.get("Stages")).stream().map(Cfn::map).toList();
        var names = stages.stream().map(s -> (String) s.get("Name")).toList();
        assertThat(names).startsWith("Source", "Build", "UpdatePipeline").contains("Production");
        var production = stages.stream().filter(s -> "Production".equals(s.get("Name"))).findFirst().orElseThrow();
        var actions = Cfn.list(production.get("Actions")).stream().map(Cfn::map).toList();
        var approval = actions.stream().filter(a -> "Approval".equals(Cfn.at(a, "ActionTypeId.Category")))
                .findFirst().orElseThrow();
        int approvalOrder = (Integer) approval.get("RunOrder");
        assertThat(actions.stream().filter(a -> "Deploy".equals(Cfn.at(a, "ActionTypeId.Category"))))
                .isNotEmpty().allMatch(a -> (Integer) a.get("RunOrder") > approvalOrder);
        var source = Cfn.map(Cfn.list(stages.get(0).get("Actions")).get(0));
        assertThat(Cfn.at(source, "Configuration.FullRepositoryId")).isEqualTo("ecomlog/ecomlog");
        assertThat(Cfn.at(source, "Configuration.BranchName")).isEqualTo("main");

        var buildSpecs = Cfn.properties(template, "AWS::CodeBuild::Project").stream()
                .map(p -> String.valueOf(Cfn.at(p, "Source.BuildSpec"))).toList();
        assertThat(buildSpecs).anyMatch(b -> b.contains("./mvnw -B -ntp verify") && b.contains("cdk synth"));
    }

    @Test
    void theDeployedStageIsTheBackendStack() {
        var stage = (software.amazon.awscdk.Stage) synth.pipeline().getNode().findChild("Production");
        assertThat(stage.getNode().getChildren()).extracting(c -> c.getNode().getId())
                .isEqualTo(List.of("ecomlog-backend"));
    }
}
