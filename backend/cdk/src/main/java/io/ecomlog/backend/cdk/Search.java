package io.ecomlog.backend.cdk;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.ResourcePolicy;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.opensearchservice.AdvancedSecurityOptions;
import software.amazon.awscdk.services.opensearchservice.CapacityConfig;
import software.amazon.awscdk.services.opensearchservice.CfnDomain;
import software.amazon.awscdk.services.opensearchservice.Domain;
import software.amazon.awscdk.services.opensearchservice.EbsOptions;
import software.amazon.awscdk.services.opensearchservice.EncryptionAtRestOptions;
import software.amazon.awscdk.services.opensearchservice.EngineVersion;
import software.amazon.awscdk.services.opensearchservice.LoggingOptions;
import software.amazon.awscdk.services.opensearchservice.TLSSecurityPolicy;
import software.amazon.awscdk.services.opensearchservice.ZoneAwarenessConfig;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The OpenSearch domain: fine-grained access control with an IAM master role, encryption at rest and between nodes,
 * HTTPS only (TLS 1.2+), slow and error logs, zone awareness from two data nodes on. Public endpoint (IAM-signed
 * requests only) or inside the VPC, where only the members of {@link #clients()} may connect.
 */
final class Search extends Construct {

    private final Domain domain;
    private final Role admin;
    private final SecurityGroup clients;
    private final List<String> subnetIds;
    private final IVpc vpc;

    Search(Construct scope, String id, EcomlogConfig config, IVpc vpc) {
        super(scope, id);
        this.vpc = vpc;
        // the fine-grained access control master; map the indexer and Firehose roles to backend roles with it
        admin = Role.Builder.create(this, "Admin")
                .assumedBy(new AccountRootPrincipal())
                .description("OpenSearch fine-grained access control master user")
                .build();
        int nodes = config.openSearchDataNodes();
        String domainName = config.prefix() + "-search";
        // the domain's logs, with a resource policy of our own: the L2 default writes it through a custom
        // resource (a Lambda function with logs:PutResourcePolicy on every resource)
        var slowSearch = logGroup("SlowSearchLogs");
        var slowIndex = logGroup("SlowIndexLogs");
        var application = logGroup("AppLogs");
        ResourcePolicy.Builder.create(this, "LogsPolicy")
                .resourcePolicyName(domainName + "-logs")
                .policyStatements(List.of(PolicyStatement.Builder.create()
                        .principals(List.of(new ServicePrincipal("es.amazonaws.com")))
                        .actions(List.of("logs:PutLogEvents", "logs:CreateLogStream"))
                        .resources(List.of(slowSearch.getLogGroupArn(), slowIndex.getLogGroupArn(),
                                application.getLogGroupArn()))
                        .build()))
                .build();
        var props = Domain.Builder.create(this, "Domain")
                .domainName(domainName)
                .version(EngineVersion.OPENSEARCH_2_19)
                .capacity(CapacityConfig.builder()
                        .dataNodes(nodes)
                        .dataNodeInstanceType(config.openSearchInstanceType())
                        .multiAzWithStandbyEnabled(false)
                        .build())
                .ebs(EbsOptions.builder().volumeSize(config.openSearchVolumeGb())
                        .volumeType(EbsDeviceVolumeType.GP3).build())
                .zoneAwareness(nodes > 1
                        ? ZoneAwarenessConfig.builder().enabled(true).availabilityZoneCount(2).build()
                        : ZoneAwarenessConfig.builder().enabled(false).build())
                .encryptionAtRest(EncryptionAtRestOptions.builder().enabled(true).build())
                .nodeToNodeEncryption(true)
                .enforceHttps(true)
                .tlsSecurityPolicy(TLSSecurityPolicy.TLS_1_2)
                .fineGrainedAccessControl(AdvancedSecurityOptions.builder()
                        .masterUserArn(admin.getRoleArn()).build())
                .logging(LoggingOptions.builder()
                        .slowSearchLogEnabled(true).slowSearchLogGroup(slowSearch)
                        .slowIndexLogEnabled(true).slowIndexLogGroup(slowIndex)
                        .appLogEnabled(true).appLogGroup(application).build())
                .suppressLogsResourcePolicy(true)
                .enableVersionUpgrade(true)
                .removalPolicy(RemovalPolicy.RETAIN);
        if (vpc != null) {
            // one subnet per zone the domain spans (OpenSearch refuses more subnets than zones)
            var subnets = vpc.getIsolatedSubnets().subList(0, nodes > 1 ? 2 : 1);
            subnetIds = subnets.stream().map(s -> s.getSubnetId()).toList();
            // outbound open: the isolated subnets have no route out, only to the domain and the S3 endpoint
            clients = SecurityGroup.Builder.create(this, "Clients")
                    .vpc(vpc).allowAllOutbound(true)
                    .description("members may reach the OpenSearch domain on 443").build();
            var domainGroup = SecurityGroup.Builder.create(this, "DomainGroup")
                    .vpc(vpc).allowAllOutbound(false).description("the OpenSearch domain").build();
            domainGroup.addIngressRule(Peer.securityGroupId(clients.getSecurityGroupId()), Port.tcp(443),
                    "HTTPS from the indexers and Firehose");
            props.vpc(vpc)
                    .vpcSubnets(List.of(SubnetSelection.builder().subnets(subnets).build()))
                    .securityGroups(List.<ISecurityGroup>of(domainGroup));
        } else {
            clients = null;
            subnetIds = List.of();
        }
        domain = props.build();
        // signed requests of this account's principals only; fine-grained access control decides the rest. Set on
        // the resource by name: the L2 property would add a custom resource to break the self-reference.
        ((CfnDomain) domain.getNode().getDefaultChild()).setAccessPolicies(Map.of(
                "Version", "2012-10-17",
                "Statement", List.of(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("AWS", "arn:" + Aws.PARTITION + ":iam::" + Aws.ACCOUNT_ID + ":root"),
                        "Action", "es:ESHttp*",
                        "Resource", "arn:" + Aws.PARTITION + ":es:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                                + ":domain/" + domainName + "/*"))));
        if (vpc != null) {
            Nag.suppress(domain, "AwsSolutions-OS3",
                    "The domain is in isolated subnets; its security group admits only the indexers and Firehose. "
                            + "Access is by IAM principals, not IP addresses.");
        }
        if (vpc == null) {
            Nag.suppress(domain, "AwsSolutions-OS1",
                    "ecomlog:openSearch=public was chosen: the endpoint is public but answers only IAM-signed "
                            + "requests of this account's principals, and fine-grained access control applies. "
                            + "Choose ecomlog:openSearch=vpc to keep it off the internet.");
            Nag.suppress(domain, "AwsSolutions-OS3",
                    "No IP allow-list: access is by IAM (SigV4) principals and fine-grained access control.");
        }
        Nag.suppress(domain, "AwsSolutions-OS4",
                "No dedicated master nodes by default: for a few data nodes they would cost more than the data "
                        + "nodes' share of cluster management. Add them for clusters of ten or more nodes.");
        if (nodes == 1) {
            Nag.suppress(domain, "AwsSolutions-OS7",
                    "ecomlog:openSearchDataNodes=1 was chosen (a trial size): one node cannot span two zones.");
        }
    }

    Domain domain() {
        return domain;
    }

    private LogGroup logGroup(String id) {
        return LogGroup.Builder.create(this, id)
                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
    }

    IVpc vpc() {
        return vpc;
    }

    Role admin() {
        return admin;
    }

    /** The security group of what may connect to a domain in the VPC; null for a public domain. */
    SecurityGroup clients() {
        return clients;
    }

    /** The subnets of a domain in the VPC (Firehose delivers through them); empty for a public domain. */
    List<String> subnetIds() {
        return subnetIds;
    }
}
