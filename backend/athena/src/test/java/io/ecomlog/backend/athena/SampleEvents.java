package io.ecomlog.backend.athena;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.AppError;
import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.Events;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.publicdata.ParseResult;
import io.ecomlog.publicdata.PublicData;
import io.ecomlog.testing.SampleData;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events the query tests run on: the three public samples as the demo's parsers read them (REES46 behaviour,
 * Online Retail orders, the Apache access log), plus the two kinds the samples lack — failed logins and application
 * errors — made here from the access log's own hosts, times and 5xx requests.
 */
final class SampleEvents {

    private SampleEvents() {
    }

    static List<EcomEvent> all() {
        try {
            Path dataDir = SampleData.file(SampleData.REES46).getParent().getParent();
            var events = new ArrayList<EcomEvent>();
            for (ParseResult parse : PublicData.parseAll(dataDir)) {
                events.addAll(parse.events());
            }
            events.addAll(securityEvents(events));
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every 250th access-log request becomes a failed login of one of three users from that request's address;
     * every 5xx request, and every 400th request, also logs an application error at its path.
     */
    static List<EcomEvent> securityEvents(List<EcomEvent> events) {
        var made = new ArrayList<EcomEvent>();
        var access = events.stream().filter(e -> e.eventType() == EventType.HTTP_ACCESS).toList();
        for (int i = 0; i < access.size(); i++) {
            var request = access.get(i);
            var http = (HttpAccess) request.payload();
            Instant later = request.eventTime().plus(Duration.ofMillis(250));
            if (i % 250 == 0) {
                made.add(Events.loginFailed("password", i % 2 == 0 ? "bad_password" : "unknown_user")
                        .eventTime(later).userId("user-" + (i / 250) % 3)
                        .client(new ClientInfo(request.client() == null ? null : request.client().ip(), null, null))
                        .build());
            }
            if ((http.status() != null && http.status() >= 500) || i % 400 == 0) {
                made.add(Events.appError(AppError.builder().errorClass("java.lang.IllegalStateException")
                        .errorMessage("failed").httpStatus(500).endpoint(http.path()).build())
                        .eventTime(later).build());
            }
        }
        return made;
    }

    /** The events as one NDJSON file, as the client encodes them. */
    static Path writeNdjson(List<EcomEvent> events, Path file) throws IOException {
        var codec = new EventCodec();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (EcomEvent e : events) {
                codec.write(e, out);
                out.write('\n');
            }
        }
        return file;
    }
}
