package io.ecomlog.backend.cdk;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.FlowLog;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogResourceType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The VPC for what must not be reachable from the internet (OpenSearch in a VPC, Redshift Serverless): isolated
 * subnets in three zones (Redshift Serverless needs three), no NAT gateway (nothing inside calls out; S3 and
 * DynamoDB through gateway endpoints, which cost nothing), flow logs for the record.
 */
final class Network extends Construct {

    private final Vpc vpc;

    Network(Construct scope, String id) {
        super(scope, id);
        vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(3)
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("data").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(22).build()))
                .gatewayEndpoints(Map.of(
                        "S3", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build(),
                        "DynamoDb", GatewayVpcEndpointOptions.builder()
                                .service(GatewayVpcEndpointAwsService.DYNAMODB).build()))
                .build();
        var flowLogs = LogGroup.Builder.create(this, "FlowLogs")
                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
        FlowLog.Builder.create(this, "FlowLog")
                .resourceType(FlowLogResourceType.fromVpc(vpc))
                .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                .build();
    }

    Vpc vpc() {
        return vpc;
    }
}
