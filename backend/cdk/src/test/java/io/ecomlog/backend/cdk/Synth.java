package io.ecomlog.backend.cdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Synthesizes the app once per deployment variant (the optional-part combinations users pick) and shares the
 * result across test classes: a synthesis takes seconds. The assets are the real jars Maven copied into
 * target/assets (Lambda, Flink, Spark) and the athena module's named queries.
 */
final class Synth {

    /** The variants: name → context (without the "ecomlog:" prefix). */
    static final Map<String, Map<String, Object>> VARIANTS = variants();

    private static final Map<String, Synthesized> CACHE = new ConcurrentHashMap<>();

    record Synthesized(App app, EcomlogStack stack, Template template, List<SynthesisMessage> nagErrors,
                       Stack pipeline, Template pipelineTemplate, List<SynthesisMessage> pipelineNagErrors) {
    }

    private Synth() {
    }

    private static Map<String, Map<String, Object>> variants() {
        var v = new LinkedHashMap<String, Map<String, Object>>();
        v.put("minimal", Map.of());
        v.put("openSearch", Map.of("openSearch", "public", "alertEmails", List.of("shop@example.com"),
                "alertPhones", "+4915112345678", "opsEmails", "ops@example.com"));
        v.put("openSearchInVpc", Map.of("openSearch", "vpc", "apiAuth", "cognito", "openSearchDataNodes", 2));
        v.put("redshift", Map.of("redshift", true, "parquet", true, "crawler", true));
        v.put("replication", Map.of(
                "replicaBucketArn", "arn:aws:s3:::shop-events-backup-replica",
                "replicaKmsKeyArn", "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555",
                "lakeSource", "direct", "streamMode", "provisioned", "eventShards", 4));
        v.put("pipeline", Map.of("pipeline", true, "repository", "ecomlog/ecomlog",
                "connectionArn", "arn:aws:codeconnections:us-east-1:123456789012:connection/abc-123"));
        return v;
    }

    static Synthesized variant(String name) {
        return CACHE.computeIfAbsent(name, n -> written(n, synthesize(VARIANTS.get(n))));
    }

    /**
     * Where each variant's templates are written ({@code <dir>/<variant>/<stack>.template.json}) for the tools that
     * read files: cfn-lint here, and anyone checking a deployed template by hand.
     */
    static Path templatesDir() {
        return Path.of(System.getProperty("ecomlog.cdk.templates", "target/templates"));
    }

    private static Synthesized written(String variant, Synthesized s) {
        var dir = templatesDir().resolve(variant);
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(s.stack().getStackName() + ".template.json").toFile(), s.template().toJSON());
            writeFlinkProperties(dir, s);
            if (s.pipeline() != null) {
                JSON.writeValue(dir.resolve(s.pipeline().getStackName() + ".template.json").toFile(),
                        s.pipelineTemplate().toJSON());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file name the engine tests read: the Flink application's property groups, references resolved. */
    static final String FLINK_PROPERTIES = "flink-application-properties.json";

    /**
     * The Flink application's property groups, resolved to the stand-ins' names, in the form Managed Flink gives the
     * job ({@code /etc/flink/application_properties.json}): the stack-engine-tests module starts the job graph from
     * it without putting Flink on this module's classpath.
     */
    private static void writeFlinkProperties(Path dir, Synthesized s) throws IOException {
        var deployed = new Deployed(Cfn.map(s.template().toJSON()));
        var applications = deployed.ids("AWS::KinesisAnalyticsV2::Application");
        if (applications.size() == 1) {
            var groups = deployed.resolve(Cfn.at(deployed.properties(applications.get(0)),
                    "ApplicationConfiguration.EnvironmentProperties.PropertyGroups"));
            JSON.writeValue(dir.resolve(FLINK_PROPERTIES).toFile(), groups);
        }
    }

    static Synthesized synthesize(Map<String, Object> context) {
        var prefixed = new LinkedHashMap<String, Object>();
        context.forEach((k, v) -> prefixed.put(ContextReader.PREFIX + k, v));
        var app = new App(AppProps.builder().context(prefixed).build());
        var reader = new ContextReader(app.getNode()::tryGetContext);
        var config = EcomlogConfig.fromContext(reader);
        EcomlogApp.build(app, reader, config, artifacts());
        var stack = (EcomlogStack) app.getNode().findChild(config.prefix() + "-backend");
        var template = Template.fromStack(stack);
        var errors = nagErrors(stack);
        Stack pipeline = (Stack) app.getNode().tryFindChild(config.prefix() + "-pipeline");
        return new Synthesized(app, stack, template, errors, pipeline,
                pipeline == null ? null : Template.fromStack(pipeline),
                pipeline == null ? List.of() : nagErrors(pipeline));
    }

    static List<SynthesisMessage> nagErrors(Stack stack) {
        return Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    }

    private static Artifacts artifacts;

    /** The real jars and queries (required: the stack must deploy what the modules build). */
    static synchronized Artifacts artifacts() {
        if (artifacts != null) {
            return artifacts;
        }
        var assets = Path.of(System.getProperty("ecomlog.cdk.assets", "target/assets"));
        var a = Artifacts.defaults(assets);
        a.requireBuilt(true);
        artifacts = a;
        return a;
    }
}
