package io.ecomlog.backend.cdk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cdk-nag's AwsSolutions pack finds nothing unsuppressed in any variant, and no identity policy grants every action,
 * or any action of a data service on every resource.
 */
class SecurityTest {

    /** Services that hold or move the shops' data: a statement on "*" for one of these is a finding. */
    static final Set<String> DATA_SERVICES = Set.of("s3", "kinesis", "firehose", "dynamodb", "sns", "sqs", "kms",
            "es", "glue", "athena", "redshift", "redshift-serverless", "redshift-data", "secretsmanager",
            "lambda", "kinesisanalytics", "emr-serverless", "logs");

    static List<String> variants() {
        return List.copyOf(Synth.VARIANTS.keySet());
    }

    @ParameterizedTest
    @MethodSource("variants")
    void cdkNagAwsSolutionsFindsNothing(String variant) {
        var s = Synth.variant(variant);
        assertThat(s.nagErrors()).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(s.pipelineNagErrors()).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void noStatementGrantsEverythingOrDataOnEveryResource(String variant) {
        var s = Synth.variant(variant);
        var statements = allowStatements(s.template());
        assertThat(statements).hasSizeGreaterThan(20);
        assertThat(violations(statements)).isEmpty();
        if (s.pipelineTemplate() != null) {
            assertThat(violations(allowStatements(s.pipelineTemplate()))).isEmpty();
        }
    }

    @Test
    void theCheckCatchesWildcards() {
        var bad = Template.fromJSON(Map.of("Resources", Map.of(
                "Everything", Map.of("Type", "AWS::IAM::Policy", "Properties", Map.of("PolicyDocument", Map.of(
                        "Statement", List.of(Map.of("Effect", "Allow", "Action", "*", "Resource", "arn:x"))))),
                "AllBuckets", Map.of("Type", "AWS::IAM::Role", "Properties", Map.of("Policies", List.of(Map.of(
                        "PolicyDocument", Map.of("Statement", List.of(Map.of("Effect", "Allow",
                                "Action", List.of("s3:GetObject"), "Resource", "*"))))))),
                "AllOfKinesis", Map.of("Type", "AWS::IAM::ManagedPolicy", "Properties", Map.of("PolicyDocument",
                        Map.of("Statement", List.of(Map.of("Effect", "Allow", "Action", "kinesis:*",
                                "Resource", "arn:x"))))),
                "Fine", Map.of("Type", "AWS::IAM::Policy", "Properties", Map.of("PolicyDocument", Map.of(
                        "Statement", List.of(Map.of("Effect", "Allow", "Action", "ec2:DescribeSubnets",
                                "Resource", "*"))))))));
        assertThat(violations(allowStatements(bad))).hasSize(3);
    }

    /** One Allow statement and the logical id of the resource it is in. */
    record Statement(String resource, Map<String, Object> body) {
    }

    /** Every Allow statement of every identity policy: inline (Policy, Role), managed. */
    static List<Statement> allowStatements(Template template) {
        var documents = new ArrayList<Map.Entry<String, Object>>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            template.findResources(type).forEach((id, r) ->
                    documents.add(Map.entry(id, Cfn.map(r.get("Properties")).get("PolicyDocument"))));
        }
        template.findResources("AWS::IAM::Role").forEach((id, r) ->
                Cfn.list(Cfn.map(r.get("Properties")).get("Policies")).forEach(p ->
                        documents.add(Map.entry(id, Cfn.map(p).get("PolicyDocument")))));
        var statements = new ArrayList<Statement>();
        for (var d : documents) {
            for (Object s : Cfn.list(Cfn.map(d.getValue()).get("Statement"))) {
                if ("Allow".equals(Cfn.map(s).get("Effect"))) {
                    statements.add(new Statement(d.getKey(), Cfn.map(s)));
                }
            }
        }
        return statements;
    }

    static List<String> violations(List<Statement> statements) {
        var found = new ArrayList<String>();
        for (var statement : statements) {
            var s = statement.body();
            var actions = Cfn.list(s.get("Action")).stream().map(String::valueOf).toList();
            boolean everyResource = Cfn.list(s.get("Resource")).contains("*");
            for (String action : actions) {
                String service = action.contains(":") ? action.substring(0, action.indexOf(':')) : action;
                if (action.equals("*") || action.endsWith(":*")) {
                    found.add(statement.resource() + " grants all actions: " + action);
                } else if (everyResource && DATA_SERVICES.contains(service)) {
                    found.add(statement.resource() + " grants " + action + " on every resource");
                }
            }
        }
        return found;
    }
}
