package io.ecomlog.local;

import io.ecomlog.backend.opensearch.LogSearch;
import io.ecomlog.local.dashboard.DashboardData;
import io.ecomlog.local.dashboard.DashboardData.LogBucket;
import io.ecomlog.local.dashboard.DashboardData.LogHit;
import io.ecomlog.local.dashboard.DashboardData.LogPage;
import io.ecomlog.local.dashboard.DashboardData.LogQuery;
import io.ecomlog.local.dashboard.DashboardData.LogSession;
import org.opensearch.client.opensearch._types.OpenSearchException;

import java.io.IOException;

/**
 * The dashboard's log-search answers from {@link LogSearch}: a request it cannot take is refused with 400 and its
 * reason, a node that does not answer with 503; the dashboard module itself knows nothing of OpenSearch.
 */
final class LogSearchAnswers {

    private LogSearchAnswers() {
    }

    static LogPage page(LogSearch search, LogQuery query) {
        LogSearch.Request request;
        try {
            request = new LogSearch.Request(query.text(), query.from(), query.to(),
                    query.status() == null ? null : LogSearch.StatusClass.of(query.status()), query.path(),
                    query.user(), query.session(), query.level(), query.eventType(), query.offset(), query.limit());
        } catch (IllegalArgumentException e) {
            throw new DashboardData.Refused(400, e.getMessage());
        }
        try {
            var page = search.search(request);
            return new LogPage(page.total(), page.hits().stream().map(LogSearchAnswers::hit).toList(),
                    page.interval().toSeconds(), page.histogram().stream()
                    .map(b -> new LogBucket(b.start(), b.hits(), b.byStatus())).toList());
        } catch (IOException | OpenSearchException e) {
            throw unavailable(e);
        }
    }

    static LogSession session(LogSearch search, String sessionId) {
        try {
            var session = search.session(sessionId);
            return new LogSession(session.sessionId(), session.events().stream().map(LogSearchAnswers::hit).toList(),
                    session.accessLines().stream().map(LogSearchAnswers::hit).toList(),
                    session.errors().stream().map(LogSearchAnswers::hit).toList(),
                    session.order() == null ? null : hit(session.order()));
        } catch (IllegalArgumentException e) {
            throw new DashboardData.Refused(400, e.getMessage());
        } catch (IOException | OpenSearchException e) {
            throw unavailable(e);
        }
    }

    private static DashboardData.Refused unavailable(Exception e) {
        return new DashboardData.Refused(503, "the OpenSearch node could not answer the search: " + e.getMessage());
    }

    private static LogHit hit(LogSearch.Found f) {
        return new LogHit(f.eventId(), f.time(), f.eventType(), f.summary(), f.status(), f.path(), f.user(),
                f.session(), f.requestId(), f.level(), f.orderId());
    }
}
