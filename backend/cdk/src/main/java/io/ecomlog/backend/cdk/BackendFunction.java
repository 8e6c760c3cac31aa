package io.ecomlog.backend.cdk;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One backend Lambda function as we deploy every one of them: the module's jar, Java 21 on Graviton, its own role
 * (logs of its own log group only, no managed policy), a log group with retention, reserved concurrency, and for
 * asynchronous and stream triggers a dead-letter queue that the trigger sends what it gives up on to. SnapStart and an alias for functions behind a
 * synchronous caller.
 */
final class BackendFunction extends Construct {

    /** What differs between the functions. */
    record Spec(String functionName, Path jar, String handler, int memoryMb, Duration timeout,
                int reservedConcurrency, Map<String, String> environment) {

        Spec {
            environment = Map.copyOf(environment);
        }
    }

    private final Function function;
    private final Role role;
    private Queue deadLetters;
    private final IFunction invoked;

    BackendFunction(Construct scope, String id, Spec spec) {
        this(scope, id, spec, Options.DEFAULT);
    }

    /** Settings that only some functions need. */
    record Options(boolean snapStart, int ephemeralMb, IVpc vpc, List<ISecurityGroup> securityGroups) {
        static final Options DEFAULT = new Options(false, 512, null, List.of());

        Options withSnapStart() {
            return new Options(true, ephemeralMb, vpc, securityGroups);
        }

        Options withEphemeralMb(int mb) {
            return new Options(snapStart, mb, vpc, securityGroups);
        }

        Options inVpc(IVpc vpc, ISecurityGroup group) {
            return new Options(snapStart, ephemeralMb, vpc, List.of(group));
        }
    }

    BackendFunction(Construct scope, String id, Spec spec, Options options) {
        super(scope, id);
        var logGroup = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/lambda/" + spec.functionName())
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // an own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any log group
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("runs " + spec.functionName())
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn()))
                .build());
        var env = new HashMap<>(spec.environment());
        // EMF metrics (Powertools) land in one namespace; the handlers set their dimension ("function")
        env.put("POWERTOOLS_METRICS_NAMESPACE", "ecomlog");
        var builder = Function.Builder.create(this, "Function")
                .functionName(spec.functionName())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(spec.jar().toString()))
                .handler(spec.handler())
                .memorySize(spec.memoryMb())
                .timeout(spec.timeout())
                .reservedConcurrentExecutions(spec.reservedConcurrency())
                .environment(env)
                .role(role)
                .logGroup(logGroup)
                .ephemeralStorageSize(Size.mebibytes(options.ephemeralMb()));
        if (options.snapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        if (options.vpc() != null) {
            builder.vpc(options.vpc())
                    .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                    .securityGroups(options.securityGroups());
            Nag.suppressOnly(role, "AwsSolutions-IAM4",
                    "AWSLambdaVPCAccessExecutionRole is what Lambda needs to attach its network interfaces in our "
                            + "subnets (ec2:CreateNetworkInterface and friends); it grants no data access.",
                    "^Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole$");
        }
        function = builder.build();
        Nag.suppress(function, "AwsSolutions-L1",
                "The handlers are built for Java 17 and tested on it; Java 21 is the newest LTS runtime they are "
                        + "deployed on. Java 25 once the backend's tests run on it.");
        // SnapStart snapshots a published version: callers must invoke the alias, not $LATEST
        invoked = options.snapStart()
                ? Alias.Builder.create(this, "Live").aliasName("live").version(function.getCurrentVersion()).build()
                : function;
    }

    Function function() {
        return function;
    }

    /** What triggers should invoke: the alias of a SnapStart function, else the function. */
    IFunction invoked() {
        return invoked;
    }

    Role role() {
        return role;
    }

    /**
     * The dead-letter queue of the function's trigger, made when a trigger first asks for it: functions called
     * synchronously (API Gateway, Firehose) report failures to their caller and have none.
     */
    Queue deadLetters() {
        if (deadLetters == null) {
            deadLetters = Queue.Builder.create(this, "DeadLetters")
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .retentionPeriod(Duration.days(14))
                    .build();
            Nag.suppress(deadLetters, "AwsSolutions-SQS3",
                    "This queue is the dead-letter destination of the function's trigger; it needs no queue of its "
                            + "own.");
        }
        return deadLetters;
    }

    boolean hasDeadLetters() {
        return deadLetters != null;
    }

    String name() {
        return function.getFunctionName();
    }
}
