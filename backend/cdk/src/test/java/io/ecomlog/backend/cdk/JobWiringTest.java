package io.ecomlog.backend.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.backend.spark.als.RecommendSettings;
import io.ecomlog.backend.spark.als.RecommendationTable;
import io.ecomlog.backend.spark.etl.CurateSettings;
import io.ecomlog.deployment.Tables;
import io.ecomlog.lake.LakeTables;
import io.ecomlog.testing.Dynalite;
import io.ecomlog.testing.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spark jobs' roles against what the jobs do with the arguments the template gives them. Spark does not run
 * here (the spark module's tests run the jobs on local files, and an S3 client inside Hadoop's file system is out of
 * an interceptor's reach), so the jobs' storage calls are modelled from their own parsed arguments: the code jar is
 * read, inputs are listed and read ({@code ListBucket}, {@code GetObject}), outputs are overwritten
 * ({@code ListBucket}, {@code GetObject}, {@code PutObject}, {@code DeleteObject}, as Spark's committers do). The
 * recommendations are written for real, by the job's own writer, into the table created from the template, with its
 * DynamoDB calls recorded.
 */
class JobWiringTest {

    private static final Deployed DEPLOYED = new Deployed(Cfn.map(Synth.variant("minimal").template().toJSON()));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theEtlRoleAllowsReadingRawAndWritingTheCuratedTablesTheQuarantineAndTheBookmark() {
        String jobId = DEPLOYED.ids("AWS::Glue::Job").get(0);
        var job = DEPLOYED.properties(jobId);
        var settings = CurateSettings.fromArgs(DEPLOYED.glueJobArguments(jobId));

        var calls = new ArrayList<CallRecorder.Call>();
        read(calls, (String) DEPLOYED.resolve(Cfn.at(job, "Command.ScriptLocation")));
        read(calls, Cfn.map(DEPLOYED.resolve(job.get("DefaultArguments"))).get("--extra-jars").toString());
        read(calls, settings.raw() + "event_type=order_completed/year=2026/month=12/day=07/hour=04/part.ndjson.gz");
        for (String table : List.of(LakeTables.EVENTS_TABLE, LakeTables.ORDER_ITEMS_TABLE)) {
            overwrite(calls, slash(settings.curated()) + table + "/event_date=2026-12-07/part-00000.snappy.parquet");
        }
        overwrite(calls, slash(settings.quarantine()) + "part-00000.json.gz");
        overwrite(calls, settings.bookmark());

        assertAllowed(roleWithArn((String) DEPLOYED.resolve(job.get("Role"))), calls);
    }

    @Test
    void theAlsRoleAllowsReadingTheCuratedTablesOverwritingItsOutputAndWritingTheTable() throws Exception {
        var schedule = DEPLOYED.ids("AWS::Scheduler::Schedule").stream().map(DEPLOYED::properties)
                .filter(p -> String.valueOf(p.get("Name")).endsWith("-als")).findFirst().orElseThrow();
        JsonNode input = JSON.readTree((String) DEPLOYED.resolve(Cfn.at(schedule, "Target.Input")));
        var submit = input.path("JobDriver").path("SparkSubmit");
        var args = new ArrayList<String>();
        submit.path("EntryPointArguments").forEach(a -> args.add(a.asText()));
        var settings = RecommendSettings.fromArgs(args.toArray(String[]::new));
        String role = roleWithArn(input.path("ExecutionRoleArn").asText());

        var calls = new ArrayList<CallRecorder.Call>();
        read(calls, submit.path("EntryPoint").asText());
        for (String table : List.of(LakeTables.EVENTS_TABLE, LakeTables.ORDER_ITEMS_TABLE)) {
            read(calls, slash(settings.curated()) + table + "/event_date=2026-12-07/part-00000.snappy.parquet");
        }
        for (String output : List.of("user_recommendations", "similar_products")) {
            overwrite(calls, slash(settings.output()) + output + "/part-00000.snappy.parquet");
        }

        // the job's writer into the table as the template creates it, its calls recorded
        WiredStack.createTables(DEPLOYED);
        var recorder = new CallRecorder();
        try (var dynamo = LocalAws.configure(DynamoDbClient.builder(), Dynalite.shared().endpoint(),
                ClientOverrideConfiguration.builder().addExecutionInterceptor(recorder).build()).build()) {
            String user = "wiring-" + System.nanoTime();
            long written = new RecommendationTable(dynamo, settings.table()).write(List.of(
                    new RecommendationTable.Item("user", user, List.of(new RecommendationTable.Scored("p-1", 0.9),
                            new RecommendationTable.Scored("p-2", 0.4))),
                    new RecommendationTable.Item("product", "p-1", List.of(
                            new RecommendationTable.Scored("p-2", 0.7)))).iterator());
            assertThat(written).isEqualTo(2);
            var item = dynamo.getItem(b -> b.tableName(settings.table())
                    .key(Map.of(Tables.RECOMMENDATIONS.partitionKey(), AttributeValue.fromS("user#" + user)))).item();
            assertThat(item.get("items").l()).extracting(v -> v.m().get("product_id").s())
                    .containsExactly("p-1", "p-2");
        }
        assertThat(recorder.calls()).extracting(CallRecorder.Call::action).contains("dynamodb:BatchWriteItem");
        calls.addAll(recorder.calls().stream().filter(c -> c.action().equals("dynamodb:BatchWriteItem")).toList());

        assertAllowed(role, calls);
    }

    /** Listing the object's bucket and reading it. */
    private static void read(List<CallRecorder.Call> calls, String s3Uri) {
        URI uri = URI.create(s3Uri);
        assertThat(uri.getScheme()).as(s3Uri).isEqualTo("s3");
        calls.add(new CallRecorder.Call("s3:ListBucket", "arn:aws:s3:::" + uri.getHost()));
        calls.add(new CallRecorder.Call("s3:GetObject", "arn:aws:s3:::" + uri.getHost() + uri.getPath()));
    }

    /** What overwriting the object takes: reading, deleting and putting it. */
    private static void overwrite(List<CallRecorder.Call> calls, String s3Uri) {
        read(calls, s3Uri);
        URI uri = URI.create(s3Uri);
        for (String action : List.of("s3:PutObject", "s3:DeleteObject")) {
            calls.add(new CallRecorder.Call(action, "arn:aws:s3:::" + uri.getHost() + uri.getPath()));
        }
    }

    private static String slash(String uri) {
        return uri.endsWith("/") ? uri : uri + "/";
    }

    private static String roleWithArn(String arn) {
        return DEPLOYED.ids("AWS::IAM::Role").stream()
                .filter(id -> arn.equals(DEPLOYED.resolve(Map.of("Fn::GetAtt", List.of(id, "Arn")))))
                .findFirst().orElseThrow(() -> new AssertionError("no role " + arn));
    }

    private static void assertAllowed(String roleId, List<CallRecorder.Call> calls) {
        var permissions = Permissions.ofRole(DEPLOYED, roleId);
        assertThat(calls).isNotEmpty().allSatisfy(c -> assertThat(permissions.allows(c))
                .as("%s allows %s", roleId, c).isTrue());
    }
}
