package io.ecomlog.deployment;

import io.ecomlog.testing.GeneratedDocs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The functions' environments and the tables, as declared once: each default reads back through its own rule, a
 * missing required variable stops the start naming it, and the reference in {@code docs/backend.md} is printed from
 * the declarations ({@link GeneratedDocs}).
 */
class EnvironmentReferenceTest {

    static final String BEGIN = "<!-- environment:begin (generated from FunctionEnvironments and Tables by"
            + " EnvironmentReferenceTest) -->";
    static final String END = "<!-- environment:end -->";

    @Test
    void everyDefaultReadsBackAndEveryRequiredVariableIsChecked() {
        for (var function : FunctionEnvironments.all()) {
            var names = new HashSet<String>();
            for (EnvVar<?> v : function.variables()) {
                assertThat(names.add(v.name())).as(function.function() + " declares " + v + " once").isTrue();
                if (v.defaultText() != null) {
                    assertThat(v.read(new EnvConfig(Map.of(v.name(), v.defaultText()))))
                            .as(v.name()).isEqualTo(v.read(new EnvConfig(Map.of())));
                }
                if (v.isRequired()) {
                    assertThatThrownBy(() -> v.read(new EnvConfig(Map.of())))
                            .isInstanceOf(ConfigException.class).hasMessage(v.name() + " must be set");
                }
            }
        }
        assertThatThrownBy(() -> FunctionEnvironments.Alerter.ALERT_RETENTION_DAYS.read(
                new EnvConfig(Map.of("ALERT_RETENTION_DAYS", "0")))).hasMessageContaining("ALERT_RETENTION_DAYS");
        assertThatThrownBy(() -> FunctionEnvironments.FirehoseTransformer.OUTPUT_FORMAT.read(
                new EnvConfig(Map.of("OUTPUT_FORMAT", "xml")))).hasMessage(
                "OUTPUT_FORMAT must be ndjson or document, was \"xml\"");
    }

    @Test
    void tableNamesAndIndexes() {
        assertThat(Tables.ORDERS.name("shop")).isEqualTo("shop-orders");
        assertThat(Tables.ORDERS.index("by_time").sortKey()).isEqualTo("placed_sort");
        assertThat(Tables.all()).extracting(TableSpec::suffix).doesNotHaveDuplicates();
        assertThatThrownBy(() -> new TableSpec("x", "pk", null, List.of(new TableSpec.LocalIndex("i", "s")),
                null)).hasMessageContaining("sort key");
    }

    @Test
    void theReferenceInTheDocsIsPrintedFromTheDeclarations() throws IOException {
        GeneratedDocs.assertBlock("backend.md", BEGIN, END, reference(),
                "./mvnw -pl contract -am test -Dtest=EnvironmentReferenceTest -Dsurefire.failIfNoSpecifiedTests=false");
    }

    static String reference() {
        var out = new StringBuilder();
        for (var function : FunctionEnvironments.all()) {
            out.append("\n**").append(function.function()).append("**\n\n")
                    .append("| variable | required | default | values | what it is |\n|---|---|---|---|---|\n");
            for (EnvVar<?> v : function.variables()) {
                out.append("| `").append(v.name()).append("` | ").append(v.isRequired() ? "yes" : "no").append(" | ")
                        .append(v.defaultText() == null ? "–" : "`" + v.defaultText() + "`").append(" | ")
                        .append(v.rule().replace("|", "\\|")).append(" | ").append(v.description()).append(" |\n");
            }
        }
        out.append("\n**DynamoDB tables** (named `<prefix>-<suffix>`, on demand, every key a string)\n\n")
                .append("| suffix | partition key | sort key | local indexes | TTL attribute |\n|---|---|---|---|---|\n");
        for (TableSpec t : Tables.all()) {
            out.append("| `").append(t.suffix()).append("` | `").append(t.partitionKey()).append("` | ")
                    .append(t.sortKey() == null ? "–" : "`" + t.sortKey() + "`").append(" | ")
                    .append(t.localIndexes().isEmpty() ? "–" : String.join(", ", t.localIndexes().stream()
                            .map(i -> "`" + i.name() + "` on `" + i.sortKey() + "`").toList())).append(" | ")
                    .append(t.ttlAttribute() == null ? "–" : "`" + t.ttlAttribute() + "`").append(" |\n");
        }
        return out.append('\n').toString();
    }
}
