package io.ecomlog.backend.cdk;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy evaluator the wiring tests trust: it must refuse what a role does not grant. */
class PermissionsTest {

    private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:" + Deployed.ACCOUNT + ":table/shop-orders";

    private static final Object TABLE = Map.of("Fn::GetAtt", List.of("Orders", "Arn"));
    private static final Object STATEMENTS = List.of(
            Map.of("Effect", "Allow", "Action", List.of("dynamodb:PutItem", "dynamodb:Get*"),
                    "Resource", List.of(TABLE, Map.of("Fn::Join", List.of("", List.of(TABLE, "/index/*"))))),
            Map.of("Effect", "Allow", "Action", "s3:PutObject",
                    "Resource", Map.of("Fn::Sub", "arn:${AWS::Partition}:s3:::backup/logs/?.gz")));

    private final Deployed deployed = new Deployed(Map.of("Resources", Map.of(
            "Orders", Map.of("Type", "AWS::DynamoDB::Table", "Properties", Map.of("TableName", "shop-orders")),
            "Role", Map.of("Type", "AWS::IAM::Role", "Properties", Map.of()),
            "Policy", Map.of("Type", "AWS::IAM::Policy", "Properties", Map.of(
                    "Roles", List.of(Map.of("Ref", "Role")),
                    "PolicyDocument", Map.of("Statement", STATEMENTS))))));

    private final Permissions permissions = Permissions.ofRole(deployed, "Role");

    private static CallRecorder.Call call(String action, String resource) {
        return new CallRecorder.Call(action, resource);
    }

    @Test
    void allowsWhatAStatementNamesWithWildcardsAndResolvedArns() {
        assertThat(permissions.allows(call("dynamodb:PutItem", TABLE_ARN))).isTrue();
        assertThat(permissions.allows(call("DynamoDB:getitem", TABLE_ARN))).as("actions ignore case").isTrue();
        assertThat(permissions.allows(call("dynamodb:GetItem", TABLE_ARN + "/index/by_time"))).isTrue();
        assertThat(permissions.allows(call("s3:PutObject", "arn:aws:s3:::backup/logs/a.gz"))).isTrue();
    }

    @Test
    void refusesAnotherActionAnotherResourceAndAnActionGrantedOnlyElsewhere() {
        assertThat(permissions.allows(call("dynamodb:Query", TABLE_ARN))).isFalse();
        assertThat(permissions.allows(call("dynamodb:PutItem", TABLE_ARN + "-other"))).isFalse();
        assertThat(permissions.allows(call("s3:PutObject", "arn:aws:s3:::backup/logs/ab.gz"))).as("? is one char")
                .isFalse();
        assertThat(permissions.allows(call("dynamodb:PutItem", "arn:aws:s3:::backup/logs/a.gz"))).isFalse();
        assertThat(permissions.allows(call("s3:PutObject", "arn:aws:s3:::Backup/logs/a.gz")))
                .as("resources are case-sensitive").isFalse();
    }

    @Test
    void listsWhatNoCallNeeded() {
        assertThat(permissions.unexercised(List.of(call("dynamodb:PutItem", TABLE_ARN))))
                .containsExactly("dynamodb:Get*", "s3:PutObject");
    }

    @Test
    void refusesStatementsItCannotEvaluate() {
        var deny = new Deployed(Map.of("Resources", Map.of(
                "Role", Map.of("Type", "AWS::IAM::Role", "Properties", Map.of("Policies", List.of(Map.of(
                        "PolicyDocument", Map.of("Statement", List.of(Map.of("Effect", "Deny", "Action", "*",
                                "Resource", "*"))))))))));
        assertThatThrownBy(() -> Permissions.ofRole(deny, "Role")).hasMessageContaining("Allow with Action");
    }
}
