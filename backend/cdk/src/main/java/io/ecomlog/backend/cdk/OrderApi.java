package io.ecomlog.backend.cdk;

import io.ecomlog.deployment.FunctionEnvironments;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The order-history read API: REST {@code GET /customers/{id}/orders} on API Gateway in front of the
 * {@code OrderHistoryApi} function (SnapStart, through its alias), stage throttling, access logs, request
 * validation, and IAM (SigV4) or Cognito user-pool authorization.
 */
final class OrderApi extends Construct {

    private final RestApi api;
    private final BackendFunction function;
    private final UserPool userPool;

    OrderApi(Construct scope, String id, EcomlogConfig config, Artifacts artifacts, Table orders) {
        super(scope, id);
        function = new BackendFunction(this, "Handler", new BackendFunction.Spec(
                config.prefix() + "-order-history-api", artifacts.lambdaJar(), Artifacts.ORDER_HISTORY_API, 1024,
                Duration.seconds(10), config.lambdaConcurrency(), Map.of(FunctionEnvironments.OrderApi.ORDERS_TABLE.name(), orders.getTableName())),
                // a person waits for this one: SnapStart takes the JVM's start off the first request
                BackendFunction.Options.DEFAULT.withSnapStart());
        orders.grantReadData(function.role());
        Nag.suppressOnly(function.role(), "AwsSolutions-IAM5",
                "Reads go through the table's local secondary index by_time; index/* names the table's own indexes.",
                "^Resource::<.*Orders.*\\.Arn>/index/\\*$");

        var accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(RetentionDays.THREE_MONTHS).removalPolicy(RemovalPolicy.DESTROY).build();
        api = RestApi.Builder.create(this, "Api")
                .restApiName(config.prefix() + "-order-history")
                .description("ecomlog order history (read only)")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                // the account-level role API Gateway writes execution logs with
                .cloudWatchRole(true)
                .cloudWatchRoleRemovalPolicy(RemovalPolicy.DESTROY)
                .deployOptions(StageOptions.builder()
                        .stageName("v1")
                        .throttlingRateLimit(config.apiRateLimit())
                        .throttlingBurstLimit(config.apiBurstLimit())
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields())
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .metricsEnabled(true)
                        .build())
                .build();
        var validator = RequestValidator.Builder.create(this, "Validator")
                .restApi(api).validateRequestParameters(true).validateRequestBody(true).build();
        var method = MethodOptions.builder()
                .requestValidator(validator)
                .requestParameters(Map.of(
                        "method.request.path.id", true,
                        "method.request.querystring.limit", false,
                        "method.request.querystring.next", false));
        if (config.apiAuth() == EcomlogConfig.ApiAuth.COGNITO) {
            userPool = UserPool.Builder.create(this, "Users")
                    .userPoolName(config.prefix() + "-order-history")
                    .selfSignUpEnabled(false)
                    .mfa(Mfa.REQUIRED)
                    .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                    .passwordPolicy(PasswordPolicy.builder().minLength(12).requireDigits(true)
                            .requireLowercase(true).requireUppercase(true).requireSymbols(true).build())
                    .accountRecovery(AccountRecovery.EMAIL_ONLY)
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
            Nag.suppress(userPool, "AwsSolutions-COG3",
                    "Threat protection (the Plus feature plan) is priced per active user; turn it on where the "
                            + "API's users are people outside the company.");
            method.authorizationType(AuthorizationType.COGNITO)
                    .authorizer(CognitoUserPoolsAuthorizer.Builder.create(this, "Authorizer")
                            .cognitoUserPools(List.of(userPool)).build());
        } else {
            userPool = null;
            method.authorizationType(AuthorizationType.IAM);
        }
        var get = api.getRoot().addResource("customers").addResource("{id}").addResource("orders")
                .addMethod("GET", new LambdaIntegration(function.invoked()), method.build());
        if (userPool == null) {
            Nag.suppress(get, "AwsSolutions-COG4",
                    "ecomlog:apiAuth=iam: callers sign with SigV4 and need execute-api:Invoke; no user pool.");
        }
        Nag.suppress(api, "AwsSolutions-APIG3",
                "No WAF web ACL by default: every request is authenticated and stage throttling bounds the rate; "
                        + "attach a web ACL where the API faces the internet at large.");
        Nag.suppressOnly(api, "AwsSolutions-IAM4",
                "API Gateway's account-level CloudWatch role uses the AWS policy made for it.",
                "^Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs$");
    }

    RestApi api() { return api; }
    BackendFunction function() { return function; }
    UserPool userPool() { return userPool; }
}
