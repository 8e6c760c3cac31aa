package io.ecomlog.backend.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cfn-lint (AWS's CloudFormation linter: resource specifications, value ranges, intrinsic functions) over every
 * variant's templates, the pipeline stack's included. Errors fail; a warning fails unless it is listed in
 * {@link #ACCEPTED_WARNINGS} with the reason it stays.
 */
class CfnLintTest {

    /** Warnings that stay, by rule: why. */
    static final Map<String, String> ACCEPTED_WARNINGS = Map.of(
            "W3005", "CDK adds a DependsOn on a function's (Flink application's, delivery stream's) role next to the "
                    + "GetAtt of the role's ARN; redundant but harmless, and CDK regenerates the list on every "
                    + "synthesis.");

    @Test
    void everyVariantLintsWithoutErrorsOrUnexplainedWarnings() throws Exception {
        Synth.VARIANTS.keySet().forEach(Synth::variant); // writes each variant's templates
        List<Path> templates;
        try (Stream<Path> files = Files.walk(Synth.templatesDir())) {
            templates = files.filter(f -> f.toString().endsWith(".template.json")).sorted().toList();
        }
        assertThat(templates).hasSize(Synth.VARIANTS.size() + 1); // every variant, and the pipeline stack
        int written = templates.size();
        templates = distinct(templates); // the pipeline variant's backend template is the minimal one: lint it once

        var findings = lint(templates);
        var errors = findings.stream().filter(f -> f.level().equals("Error")).toList();
        var unexplained = findings.stream()
                .filter(f -> f.level().equals("Warning") && !ACCEPTED_WARNINGS.containsKey(f.rule())).toList();
        assertThat(errors).as("cfn-lint errors").isEmpty();
        assertThat(unexplained).as("cfn-lint warnings without a reason in ACCEPTED_WARNINGS").isEmpty();
        System.out.printf("cfn-lint: %d templates of %d variants (%d distinct), %d errors, %d warnings (accepted: %s)%n",
                written, Synth.VARIANTS.size(), templates.size(), errors.size(),
                findings.stream().filter(f -> f.level().equals("Warning")).count(), ACCEPTED_WARNINGS.keySet());
    }

    private static List<Path> distinct(List<Path> templates) throws IOException {
        var byContent = new java.util.LinkedHashMap<String, Path>();
        for (Path t : templates) {
            byContent.putIfAbsent(Files.readString(t), t);
        }
        return List.copyOf(byContent.values());
    }

    record Finding(String rule, String level, String file, String path, String message) {
    }

    /** Runs cfn-lint once over all templates; fails with a clear message when it is not installed. */
    static List<Finding> lint(List<Path> templates) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("cfn-lint", "--format", "json", "--"));
        templates.forEach(t -> command.add(t.toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException notFound) {
            throw new AssertionError("cfn-lint is not installed (it lints the synthesized templates): install "
                    + "cfn-lint 1.x so that `cfn-lint` is on the PATH, e.g. `pip install cfn-lint`", notFound);
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("cfn-lint finished").isTrue();
        // exit code: a bit mask of 2 (errors), 4 (warnings), 8 (informational); 1 means cfn-lint itself failed
        assertThat(process.exitValue() & 1).as("cfn-lint ran: %s", new String(out, StandardCharsets.UTF_8))
                .isZero();
        var findings = new ArrayList<Finding>();
        for (JsonNode f : new ObjectMapper().readTree(out)) {
            findings.add(new Finding(f.at("/Rule/Id").asText(), f.at("/Level").asText(), f.at("/Filename").asText(),
                    f.at("/Location/Path").toString(), f.at("/Message").asText()));
        }
        return findings;
    }
}
