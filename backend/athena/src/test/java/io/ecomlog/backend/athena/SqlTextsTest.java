package io.ecomlog.backend.athena;

import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.Parameter;
import io.trino.sql.tree.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every named query is a Trino (Athena engine 3) query that parses, with the date parameters its comment states. */
class SqlTextsTest {

    private final SqlParser parser = new SqlParser();

    static List<String> names() {
        return NamedQuery.NAMES;
    }

    @ParameterizedTest
    @MethodSource("names")
    void parsesAsTrinoSelectWithParameters(String name) {
        var query = NamedQuery.load(name);
        assertThat(parser.createStatement(query.sql())).isInstanceOf(Query.class);
        int parameters = parameters(parser.createStatement(query.sql()));
        assertThat(parameters).isGreaterThanOrEqualTo(2);

        assertThat(query.description()).contains("Parameters:");
    }

    /** The {@code ?} parameters of a statement, as Trino's parser finds them. */
    static int parameters(Node node) {
        int own = node instanceof Parameter ? 1 : 0;
        return own + node.getChildren().stream().mapToInt(SqlTextsTest::parameters).sum();
    }

    @Test
    void theParserRejectsWhatAthenaWouldReject() {
        assertThatThrownBy(() -> parser.createStatement("SELECT count(* FROM events"))
                .isInstanceOf(ParsingException.class);
    }

    @Test
    void duckDbTranslationRenamesOnlyTheDifferingFunctions() {
        String trino = "SELECT day_of_week(event_time), CARDINALITY (products), day_of_weekly(x), 'cardinality' FROM t";
        assertThat(DuckDbDialect.translate(trino))
                .isEqualTo("SELECT isodow(event_time), len(products), day_of_weekly(x), 'cardinality' FROM t");
    }

    @Test
    void everyQueryFileIsListed() {
        assertThat(NamedQuery.all()).extracting(NamedQuery::name).containsExactlyElementsOf(NamedQuery.NAMES);
        assertThatThrownBy(() -> NamedQuery.load("no_such_query")).isInstanceOf(IllegalArgumentException.class);
    }
}
