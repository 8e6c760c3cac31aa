package io.ecomlog.backend.cdk;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.redshiftserverless.CfnNamespace;
import software.amazon.awscdk.services.redshiftserverless.CfnWorkgroup;
import software.constructs.Construct;

import java.util.List;

/**
 * Optional Redshift Serverless ({@code ecomlog:redshift=true}): a namespace whose admin password Redshift keeps in
 * Secrets Manager, a private workgroup in the VPC's isolated subnets, and a role that reads the curated lake
 * through the Glue catalog (Redshift Spectrum: {@code CREATE EXTERNAL SCHEMA ... FROM DATA CATALOG}).
 */
final class Warehouse extends Construct {

    private final CfnNamespace namespace;
    private final CfnWorkgroup workgroup;

    Warehouse(Construct scope, String id, EcomlogConfig config, IVpc vpc, Ingest ingest) {
        super(scope, id);
        var role = Role.Builder.create(this, "SpectrumRole")
                .assumedBy(new ServicePrincipal("redshift.amazonaws.com")).build();
        ingest.curated().grantRead(role);
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables",
                        "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition"))
                .resources(ingest.curatedEvents().arns()).build());
        Nag.objectsOfBuckets(role);

        namespace = CfnNamespace.Builder.create(this, "Namespace")
                .namespaceName(config.prefix())
                .dbName("ecomlog")
                .adminUsername("ecomlog_admin")
                .manageAdminPassword(true)
                .kmsKeyId(ingest.key().getKeyId())
                .iamRoles(List.of(role.getRoleArn()))
                .defaultIamRoleArn(role.getRoleArn())
                .logExports(List.of("userlog", "connectionlog", "useractivitylog"))
                .build();
        // the warehouse's tables outlive the stack, like the buckets and DynamoDB tables
        namespace.applyRemovalPolicy(RemovalPolicy.RETAIN);
        var group = SecurityGroup.Builder.create(this, "Group")
                .vpc(vpc).allowAllOutbound(false).description("Redshift Serverless workgroup").build();
        workgroup = CfnWorkgroup.Builder.create(this, "Workgroup")
                .workgroupName(config.prefix())
                .namespaceName(config.prefix())
                .baseCapacity(config.redshiftBaseCapacity())
                .publiclyAccessible(false)
                .enhancedVpcRouting(true)
                .subnetIds(vpc.getIsolatedSubnets().stream().map(s -> s.getSubnetId()).toList())
                .securityGroupIds(List.of(group.getSecurityGroupId()))
                .build();
        workgroup.addResourceDependency(namespace);
    }

    CfnNamespace namespace() { return namespace; }
    CfnWorkgroup workgroup() { return workgroup; }
}
