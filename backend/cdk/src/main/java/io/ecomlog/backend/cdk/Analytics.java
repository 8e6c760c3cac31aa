package io.ecomlog.backend.cdk;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.athena.CfnNamedQuery;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.emrserverless.CfnApplication;
import software.amazon.awscdk.services.glue.CfnCrawler;
import software.amazon.awscdk.services.glue.CfnJob;
import software.amazon.awscdk.services.glue.CfnSecurityConfiguration;
import software.amazon.awscdk.services.glue.CfnTrigger;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.constructs.Construct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The batch side: the Glue ETL job (raw JSON → curated Parquet, hourly) and the optional crawler, the ALS
 * recommendations job on EMR Serverless (daily, started by EventBridge Scheduler), and the Athena workgroup with
 * the named queries.
 */
final class Analytics extends Construct {

    static final String GLUE_VERSION = "5.0";
    /** EMR 7 runs Spark 3.5, the line the spark module is built and tested on. */
    static final String EMR_RELEASE = "emr-7.9.0";
    /** The object of the Glue job's script. */
    static final String GLUE_LAUNCHER = "EcomlogGlueLauncher";
    /** Where in the curated bucket the ALS job writes its Parquet output. */
    static final String ALS_OUTPUT = "recommendations/";

    private final CfnJob etlJob;
    private final CfnCrawler crawler;
    private final CfnApplication emr;
    private final CfnWorkGroup workGroup;
    private final List<CfnNamedQuery> namedQueries = new ArrayList<>();

    Analytics(Construct scope, String id, EcomlogConfig config, Artifacts artifacts, Ingest ingest,
              ITable recommendations) {
        super(scope, id);
        String prefix = config.prefix();
        var spark = Asset.Builder.create(this, "SparkJar").path(artifacts.sparkJar().toString()).build();
        String database = ingest.databaseName();

        // Glue encrypts its CloudWatch logs and job bookmarks with the data key, its S3 output with S3 keys
        var security = CfnSecurityConfiguration.Builder.create(this, "GlueSecurity")
                .name(prefix + "-glue")
                .encryptionConfiguration(CfnSecurityConfiguration.EncryptionConfigurationProperty.builder()
                        .cloudWatchEncryption(CfnSecurityConfiguration.CloudWatchEncryptionProperty.builder()
                                .cloudWatchEncryptionMode("SSE-KMS").kmsKeyArn(ingest.key().getKeyArn()).build())
                        .jobBookmarksEncryption(CfnSecurityConfiguration.JobBookmarksEncryptionProperty.builder()
                                .jobBookmarksEncryptionMode("CSE-KMS").kmsKeyArn(ingest.key().getKeyArn()).build())
                        .s3Encryptions(List.of(CfnSecurityConfiguration.S3EncryptionProperty.builder()
                                .s3EncryptionMode("SSE-S3").build()))
                        .build())
                .build();

        // no Data Catalog actions: CurateJob reads and writes paths (the tables use partition projection) and
        // keeps its own bookmark
        var glueRole = glueRole("GlueRole", database, ingest, "The ETL job", List.of());
        spark.grantRead(glueRole);
        ingest.raw().grantRead(glueRole, Ingest.RAW_PREFIX + "/*");
        ingest.curated().grantReadWrite(glueRole);

        // Glue runs a Scala script; this one hands over to the spark module's main class, loaded from the jar
        var launcher = Asset.Builder.create(this, "GlueLauncher")
                .path(glueLauncher(artifacts.glueEtlClass()).toString()).build();
        launcher.grantRead(glueRole);
        var args = new LinkedHashMap<String, String>();
        args.put("--job-language", "scala");
        args.put("--class", GLUE_LAUNCHER);
        args.put("--extra-jars", spark.getS3ObjectUrl());
        // the job keeps its own bookmark (the raw objects it curated), so Glue's is off
        args.put("--job-bookmark-option", "job-bookmark-disable");
        args.put("--enable-metrics", "true");
        args.put("--enable-continuous-cloudwatch-log", "true");
        // CurateJob's parameters: it writes <curated>events/ and <curated>order_items/, the Glue tables' locations
        String curated = "s3://" + ingest.curated().getBucketName() + "/";
        args.put("--raw", "s3://" + ingest.raw().getBucketName() + "/" + Ingest.RAW_PREFIX + "/");
        args.put("--curated", curated);
        args.put("--quarantine", curated + "quarantine/");
        args.put("--bookmark", curated + "bookmark/");
        etlJob = CfnJob.Builder.create(this, "EtlJob")
                .name(prefix + "-raw-to-curated")
                .role(glueRole.getRoleArn())
                .glueVersion(GLUE_VERSION)
                .command(CfnJob.JobCommandProperty.builder().name("glueetl")
                        .scriptLocation(launcher.getS3ObjectUrl()).build())
                .defaultArguments(args)
                .workerType("G.1X")
                .numberOfWorkers(2)
                .timeout(60)
                .maxRetries(1)
                .executionProperty(CfnJob.ExecutionPropertyProperty.builder().maxConcurrentRuns(1).build())
                .securityConfiguration(security.getName())
                .build();
        etlJob.addResourceDependency(security);
        CfnTrigger.Builder.create(this, "EtlSchedule")
                .name(prefix + "-raw-to-curated-schedule")
                .type("SCHEDULED")
                .schedule(config.etlSchedule())
                .startOnCreation(true)
                .actions(List.of(CfnTrigger.ActionProperty.builder().jobName(etlJob.getName()).build()))
                .build()
                .addResourceDependency(etlJob);

        crawler = config.crawler() ? crawler(prefix, database, ingest, security) : null;

        emr = CfnApplication.Builder.create(this, "Emr")
                .name(prefix + "-als")
                .releaseLabel(EMR_RELEASE)
                .type("SPARK")
                .autoStopConfiguration(CfnApplication.AutoStopConfigurationProperty.builder()
                        .enabled(true).idleTimeoutMinutes(15).build())
                .maximumCapacity(CfnApplication.MaximumAllowedResourcesProperty.builder()
                        .cpu("16 vCPU").memory("64 GB").disk("200 GB").build())
                .build();
        scheduleAls(config, artifacts, ingest, recommendations, spark);

        workGroup = CfnWorkGroup.Builder.create(this, "WorkGroup")
                .name(prefix)
                .description("ecomlog queries: encrypted results, bounded scans")
                .state("ENABLED")
                .recursiveDeleteOption(true)
                .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(config.athenaBytesScannedCutoffMb() * 1024L * 1024L)
                        .engineVersion(CfnWorkGroup.EngineVersionProperty.builder()
                                .selectedEngineVersion("Athena engine version 3").build())
                        .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder()
                                .outputLocation("s3://" + ingest.athenaResults().getBucketName() + "/results/")
                                .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                        .encryptionOption("SSE_S3").build())
                                .build())
                        .build())
                .build();
        for (var query : readQueries(artifacts.athenaQueries()).entrySet()) {
            var named = CfnNamedQuery.Builder.create(this, "Query-" + query.getKey())
                    .name(query.getKey())
                    .database(database)
                    .workGroup(workGroup.getName())
                    .queryString(query.getValue())
                    .build();
            named.addResourceDependency(workGroup);
            namedQueries.add(named);
        }
    }

    private CfnCrawler crawler(String prefix, String database, Ingest ingest, CfnSecurityConfiguration security) {
        var role = glueRole("CrawlerRole", database, ingest, "The crawler",
                List.of("glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:CreateTable",
                        "glue:UpdateTable", "glue:GetPartitions", "glue:BatchCreatePartition",
                        "glue:BatchGetPartition", "glue:UpdatePartition"));
        ingest.curated().grantRead(role);
        var c = CfnCrawler.Builder.create(this, "Crawler")
                .name(prefix + "-curated")
                .role(role.getRoleArn())
                .databaseName(database)
                .tablePrefix("crawled_")
                .targets(CfnCrawler.TargetsProperty.builder().s3Targets(List.of(CfnCrawler.S3TargetProperty
                        .builder().path("s3://" + ingest.curated().getBucketName() + "/").build())).build())
                .schedule(CfnCrawler.ScheduleProperty.builder().scheduleExpression("cron(30 4 * * ? *)").build())
                .schemaChangePolicy(CfnCrawler.SchemaChangePolicyProperty.builder()
                        .updateBehavior("UPDATE_IN_DATABASE").deleteBehavior("LOG").build())
                .crawlerSecurityConfiguration(security.getName())
                .build();
        c.addResourceDependency(security);
        return c;
    }

    /**
     * A role Glue runs as: the lake database's tables, its own log groups, the data key (Glue's security
     * configuration encrypts logs and bookmarks with it). Bucket grants are added by the caller.
     */
    private Role glueRole(String id, String database, Ingest ingest, String who, List<String> glueActions) {
        var role = Role.Builder.create(this, id).assumedBy(new ServicePrincipal("glue.amazonaws.com")).build();
        ingest.key().grantEncryptDecrypt(role);
        if (!glueActions.isEmpty()) {
            role.addToPolicy(PolicyStatement.Builder.create().actions(glueActions)
                    .resources(glueResources(database)).build());
        }
        role.addToPolicy(glueLogs());
        Nag.objectsOfBuckets(role);
        Nag.suppressOnly(role, "AwsSolutions-IAM5",
                who + " writes the lake's tables (table/<database>/*) and Glue's own log groups (/aws-glue/*); "
                        + "KMS grants expand kms:GenerateDataKey* and kms:ReEncrypt*.",
                "^Resource::arn:.*:table/" + database + "/\\*$", "^Resource::arn:.*:log-group:/aws-glue/.*$",
                "^Action::kms:.*\\*$");
        return role;
    }

    /** The daily ALS run: EventBridge Scheduler calls EMR Serverless StartJobRun with the job's role. */
    private void scheduleAls(EcomlogConfig config, Artifacts artifacts, Ingest ingest, ITable recommendations,
                             Asset spark) {
        var jobRole = Role.Builder.create(this, "AlsJobRole")
                .assumedBy(new ServicePrincipal("emr-serverless.amazonaws.com")).build();
        spark.grantRead(jobRole);
        ingest.curated().grantRead(jobRole);
        // the job overwrites its Parquet output: Spark lists, deletes and puts under it
        ingest.curated().grantReadWrite(jobRole, ALS_OUTPUT + "*");
        recommendations.grantWriteData(jobRole);
        Nag.objectsOfBuckets(jobRole);

        var schedulerRole = Role.Builder.create(this, "AlsSchedulerRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com")).build();
        schedulerRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("emr-serverless:StartJobRun"))
                .resources(List.of(emr.getAttrArn())).build());
        schedulerRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("iam:PassRole")).resources(List.of(jobRole.getRoleArn())).build());

        // ordered maps: the input is compared as a string, so a changed key order would redeploy the schedule
        var sparkSubmit = new LinkedHashMap<String, Object>();
        sparkSubmit.put("EntryPoint", spark.getS3ObjectUrl());
        sparkSubmit.put("EntryPointArguments", List.of(
                "--curated", "s3://" + ingest.curated().getBucketName() + "/",
                "--output", "s3://" + ingest.curated().getBucketName() + "/" + ALS_OUTPUT,
                "--table", recommendations.getTableName()));
        sparkSubmit.put("SparkSubmitParameters", "--class " + artifacts.alsClass()
                + " --conf spark.executor.cores=2 --conf spark.executor.memory=4g");
        var input = new LinkedHashMap<String, Object>();
        input.put("ApplicationId", emr.getAttrApplicationId());
        input.put("ExecutionRoleArn", jobRole.getRoleArn());
        // one run per scheduled time, even when Scheduler retries the call
        input.put("ClientToken", "<aws.scheduler.execution-id>");
        input.put("JobDriver", Map.of("SparkSubmit", sparkSubmit));
        CfnSchedule.Builder.create(this, "AlsSchedule")
                .name(config.prefix() + "-als")
                .scheduleExpression(config.alsSchedule())
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                .target(CfnSchedule.TargetProperty.builder()
                        .arn("arn:" + Aws.PARTITION + ":scheduler:::aws-sdk:emrserverless:startJobRun")
                        .roleArn(schedulerRole.getRoleArn())
                        .input(Stack.of(this).toJsonString(input))
                        .build())
                .build();
    }

    private static List<String> glueResources(String database) {
        String base = "arn:" + Aws.PARTITION + ":glue:" + Aws.REGION + ":" + Aws.ACCOUNT_ID;
        return List.of(base + ":catalog", base + ":database/" + database, base + ":table/" + database + "/*");
    }

    private static PolicyStatement glueLogs() {
        return PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                        "logs:AssociateKmsKey"))
                .resources(List.of("arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                        + ":log-group:/aws-glue/*"))
                .build();
    }

    /** Writes the Glue job's script (target/glue/EcomlogGlueLauncher.scala): a main that calls {@code mainClass}'s. */
    static Path glueLauncher(String mainClass) {
        try {
            var dir = Files.createDirectories(Path.of("target", "glue"));
            var script = dir.resolve(GLUE_LAUNCHER + ".scala");
            Files.writeString(script, "// generated by the ecomlog CDK app: Glue's entry point for the Java job\n"
                    + "object " + GLUE_LAUNCHER + " {\n"
                    + "  def main(sysArgs: Array[String]): Unit = " + mainClass + ".main(sysArgs)\n"
                    + "}\n", StandardCharsets.UTF_8);
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The named queries: every {@code *.sql} of the athena module, named after its file. */
    static Map<String, String> readQueries(Path dir) {
        var queries = new LinkedHashMap<String, String>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.sql$", "");
                // byte for byte the file the athena module's DuckDB tests run
                queries.put(name, Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Athena queries not readable in " + dir.toAbsolutePath(), e);
        }
        return queries;
    }

    CfnJob etlJob() { return etlJob; }
    CfnCrawler crawler() { return crawler; }
    CfnApplication emr() { return emr; }
    CfnWorkGroup workGroup() { return workGroup; }
    List<CfnNamedQuery> namedQueries() { return List.copyOf(namedQueries); }
}
