package io.ecomlog.backend.spark;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.publicdata.ParseResult;
import io.ecomlog.publicdata.PublicData;
import io.ecomlog.testing.SampleData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The public samples (REES46, Online Retail, Apache log) as the demo's parsers turn them into events. */
public final class SampleEvents {

    private SampleEvents() {
    }

    public static Path dataDir() {
        return SampleData.file(SampleData.REES46).getParent().getParent();
    }

    public static List<EcomEvent> all() {
        try {
            var events = new ArrayList<EcomEvent>();
            for (ParseResult parse : PublicData.parseAll(dataDir())) {
                events.addAll(parse.events());
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
