package io.ecomlog.backend.opensearch;

import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.OpenSearchNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.util.BinaryData;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Indexing the Apache sample into the real node: one index request per document (as the seeds did) against the bulk
 * indexer, in the same JVM and run, each after a warm-up, into fresh indices of the same template. Prints documents
 * per second and the ratio; asserts only that every document arrived. Off unless {@code -Decomlog.benchmark=true}:
 *
 * <pre>
 * ./mvnw -o -q -pl backend/opensearch -am test -Dtest=IndexingBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Decomlog.benchmark=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "ecomlog.benchmark", matches = "true")
class IndexingBenchmark {

    private static final int ROUNDS = 3;

    @Test
    void onePerDocumentAgainstBulk() throws IOException {
        var node = TestIndexers.nodeClient();
        var events = ApacheSample.events();
        warmUp(node);

        double[] single = new double[ROUNDS];
        double[] bulk = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            single[round] = onePerDocument(node, documents(LocalAws.uniqueName("bench-single")));
            bulk[round] = bulk(LocalAws.uniqueName("bench-bulk"));
        }
        double singleMedian = median(single);
        double bulkMedian = median(bulk);
        System.out.printf(Locale.ROOT, "IndexingBenchmark: %d events of the Apache sample, %d rounds%n",
                events.size(), ROUNDS);
        System.out.printf(Locale.ROOT, "  one request per document: %s docs/s (median %.0f)%n", format(single),
                singleMedian);
        System.out.printf(Locale.ROOT, "  bulk indexer:             %s docs/s (median %.0f)%n", format(bulk),
                bulkMedian);
        System.out.printf(Locale.ROOT, "  ratio (median): %.1fx%n", bulkMedian / singleMedian);
    }

    private static void warmUp(OpenSearchClient node) throws IOException {
        onePerDocument(node, documents(LocalAws.uniqueName("bench-warm")).subList(0, 1_000));
        bulk(LocalAws.uniqueName("bench-warm"));
    }

    private static List<IndexDocument> documents(String prefix) {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint(), java.util.Map.of("INDEX_PREFIX", prefix));
        test.indexer.setUpOnce();
        return ApacheSample.events().stream().map(e -> test.indexer.document(e, "bench")).toList();
    }

    /** The seeds' way: {@code PUT <index>/_doc/<id>} for each document, one after the other. */
    private static double onePerDocument(OpenSearchClient node, List<IndexDocument> documents) throws IOException {
        long start = System.nanoTime();
        for (IndexDocument d : documents) {
            node.index(i -> i.index(d.index()).id(d.id()).document(BinaryData.of(d.source(), "application/json")));
        }
        double perSecond = documents.size() / ((System.nanoTime() - start) / 1e9);
        assertThat(TestIndexers.count(node, prefixOf(documents))).isEqualTo(documents.size());
        return perSecond;
    }

    private static double bulk(String prefix) {
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint(), java.util.Map.of("INDEX_PREFIX", prefix));
        test.indexer.setUpOnce();
        var events = ApacheSample.events();
        long start = System.nanoTime();
        // as the handler does it: events to documents, then bounded bulk requests
        var documents = events.stream().map(e -> test.indexer.document(e, "bench")).toList();
        var result = test.indexer.bulk().index(documents);
        double perSecond = events.size() / ((System.nanoTime() - start) / 1e9);
        assertThat(result.indexed()).isEqualTo(events.size());
        assertThat(TestIndexers.count(TestIndexers.nodeClient(), prefix)).isEqualTo(events.size());
        return perSecond;
    }

    private static String prefixOf(List<IndexDocument> documents) {
        String index = documents.get(0).index();
        return index.substring(0, index.lastIndexOf('-'));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String format(double[] values) {
        var parts = new java.util.ArrayList<String>();
        for (double v : values) {
            parts.add(String.format(Locale.ROOT, "%.0f", v));
        }
        return String.join(", ", parts);
    }
}
