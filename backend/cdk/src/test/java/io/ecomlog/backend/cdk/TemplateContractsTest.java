package io.ecomlog.backend.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.backend.spark.als.RecommendSettings;
import io.ecomlog.backend.spark.etl.CurateSettings;
import io.ecomlog.codec.JsonSchemaGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the template hands to code that is not a function, read from the template and compared with that code's own
 * inputs: the Athena named queries with the SQL files the DuckDB tests run, the raw Glue table with the event JSON
 * Schema, the Glue job's arguments with CurateJob's parser, and the Kinesis triggers with the streams the functions
 * read.
 */
class TemplateContractsTest {

    private final Deployed minimal = new Deployed(Cfn.map(Synth.variant("minimal").template().toJSON()));

    @Test
    void namedQueriesAreByteForByteTheSqlFilesTheDuckDbTestsRun() throws IOException {
        var files = new TreeMap<String, String>();
        try (var list = Files.list(Synth.artifacts().athenaQueries())) {
            for (var f : list.filter(p -> p.toString().endsWith(".sql")).toList()) {
                files.put(f.getFileName().toString().replaceFirst("\\.sql$", ""), Files.readString(f));
            }
        }
        var named = new TreeMap<String, String>();
        for (String id : minimal.ids("AWS::Athena::NamedQuery")) {
            var p = minimal.properties(id);
            named.put((String) p.get("Name"), (String) p.get("QueryString"));
        }
        assertThat(named).isEqualTo(files);
    }

    @Test
    void theRawTablesColumnsAreTheEventSchemasFields() throws IOException {
        JsonNode schema;
        try (var in = JsonSchemaGenerator.class.getClassLoader().getResourceAsStream(JsonSchemaGenerator.RESOURCE)) {
            schema = new ObjectMapper().readTree(in);
        }
        // the envelope's fields and those of every event type's shape (allOf: if event_type then $ref)
        var fields = new TreeSet<String>();
        schema.path("properties").fieldNames().forEachRemaining(fields::add);
        for (JsonNode rule : schema.path("allOf")) {
            addFields(schema, rule.path("then"), fields);
        }
        for (var variant : List.of("minimal", "redshift")) { // JSON and Parquet
            var deployed = new Deployed(Cfn.map(Synth.variant(variant).template().toJSON()));
            var raw = deployed.ids("AWS::Glue::Table").stream().map(deployed::properties)
                    .filter(t -> "events_raw".equals(Cfn.at(t, "TableInput.Name"))).findFirst().orElseThrow();
            var columns = new TreeSet<String>();
            Cfn.list(Cfn.at(raw, "TableInput.StorageDescriptor.Columns"))
                    .forEach(c -> columns.add((String) Cfn.map(c).get("Name")));
            Cfn.list(Cfn.at(raw, "TableInput.PartitionKeys")).stream().map(k -> (String) Cfn.map(k).get("Name"))
                    .filter(fields::contains).forEach(columns::add); // event_type: a partition of the raw table
            assertThat(columns).as(variant).isEqualTo(fields);
        }
    }

    @Test
    void theGlueJobsArgumentsParseWithCurateJobsOwnParserIntoWhereFirehoseWrites() {
        for (var variant : List.of("minimal", "replication")) { // fed from the stream, and directly
            var deployed = new Deployed(Cfn.map(Synth.variant(variant).template().toJSON()));
            var settings = CurateSettings.fromArgs(deployed.glueJobArguments(deployed.ids("AWS::Glue::Job").get(0)));
            // the raw prefix is the one the events delivery stream writes under
            var delivery = deployed.ids("AWS::KinesisFirehose::DeliveryStream").stream().map(deployed::properties)
                    .filter(d -> "ecomlog-events".equals(d.get("DeliveryStreamName"))).findFirst().orElseThrow();
            var s3 = Cfn.map(deployed.resolve(delivery.get("ExtendedS3DestinationConfiguration")));
            String written = "s3://" + ((String) s3.get("BucketARN")).replace("arn:aws:s3:::", "") + "/"
                    + s3.get("Prefix");
            assertThat(written).as(variant).startsWith(settings.raw());
            assertThat(settings.curated()).startsWith("s3://");
            assertThat(settings.quarantine()).startsWith(settings.curated());
            assertThat(settings.bookmark()).startsWith(settings.curated());
        }
    }

    @Test
    void theAlsScheduleStartsRecommendJobWithArgumentsItParsesOnTheEtlsTablesAndTheRecommendationsTable()
            throws IOException {
        for (var variant : List.of("minimal", "replication")) {
            var deployed = new Deployed(Cfn.map(Synth.variant(variant).template().toJSON()));
            var schedule = deployed.ids("AWS::Scheduler::Schedule").stream().map(deployed::properties)
                    .filter(p -> String.valueOf(p.get("Name")).endsWith("-als")).findFirst().orElseThrow();
            var input = new ObjectMapper().readTree((String) deployed.resolve(Cfn.at(schedule, "Target.Input")));
            var submit = input.path("JobDriver").path("SparkSubmit");
            assertThat(submit.path("SparkSubmitParameters").asText()).as(variant)
                    .contains("--class io.ecomlog.backend.spark.als.RecommendJob ");
            var args = new ArrayList<String>();
            submit.path("EntryPointArguments").forEach(a -> args.add(a.asText()));
            var settings = RecommendSettings.fromArgs(args.toArray(String[]::new));

            // ALS reads the tables where the Glue ETL writes them, and writes the table the stack creates
            String curated = CurateSettings.fromArgs(deployed.glueJobArguments(deployed.ids("AWS::Glue::Job").get(0)))
                    .curated();
            assertThat(slash(settings.curated())).as(variant).isEqualTo(slash(curated));
            assertThat(settings.output()).as(variant).startsWith("s3://");
            var tables = deployed.ids("AWS::DynamoDB::Table").stream()
                    .map(id -> String.valueOf(deployed.resolve(Map.of("Ref", id)))).toList();
            assertThat(tables).as(variant).contains(settings.table());
            assertThat(settings.table()).endsWith("-recommendations");
        }
    }

    private static String slash(String uri) {
        return uri.endsWith("/") ? uri : uri + "/";
    }

    private static void addFields(JsonNode schema, JsonNode node, Set<String> fields) {
        if (node.has("$ref")) {
            addFields(schema, schema.path("$defs").path(node.path("$ref").asText().replace("#/$defs/", "")), fields);
        }
        node.path("properties").fieldNames().forEachRemaining(fields::add);
        node.path("allOf").forEach(n -> addFields(schema, n, fields));
    }

    @Test
    void streamConsumersReadTheStreamsTheirRecordsComeFrom() {
        // the events stream is the one the producers' policy and the output name; the alerts stream is Flink's sink
        var deployed = new Deployed(Cfn.map(Synth.variant("openSearch").template().toJSON()));
        var template = Cfn.map(Synth.variant("openSearch").template().toJSON());
        String events = (String) Cfn.map(Cfn.at(template, "Outputs.EventsStreamName.Value")).get("Ref");
        var sources = new TreeMap<String, Set<String>>();
        for (String id : deployed.ids("AWS::Lambda::EventSourceMapping")) {
            var m = deployed.properties(id);
            String function = (String) Cfn.map(m.get("FunctionName")).get("Ref");
            String stream = (String) Cfn.list(Cfn.map(m.get("EventSourceArn")).get("Fn::GetAtt")).get(0);
            sources.computeIfAbsent((String) deployed.properties(function).get("Handler"), h -> new TreeSet<>())
                    .add(stream.equals(events) ? "events" : deployed.name(stream));
        }
        String alerts = deployed.ids("AWS::Kinesis::Stream").stream().filter(s -> !s.equals(events))
                .map(deployed::name).findFirst().orElseThrow();
        assertThat(alerts).endsWith("-alerts");
        assertThat(sources).isEqualTo(Map.of(
                Artifacts.ORDER_HISTORY, Set.of("events"),
                Artifacts.ALERTER, Set.of("events", alerts),
                Artifacts.KINESIS_INDEXER, Set.of("events")));
    }
}
