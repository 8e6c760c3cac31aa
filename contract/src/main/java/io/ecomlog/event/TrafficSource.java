package io.ecomlog.event;

/**
 * Where the visit came from ({@code traffic_source} on the wire), usually the UTM parameters of the landing URL.
 *
 * @param source   e.g. {@code "google"} ({@code utm_source})
 * @param medium   e.g. {@code "cpc"} ({@code utm_medium})
 * @param campaign e.g. {@code "black_friday"} ({@code utm_campaign})
 */
public record TrafficSource(String source, String medium, String campaign) {

    /** Cleans invalid UTF-16 out of every value. */
    public TrafficSource {
        source = Text.clean(source);
        medium = Text.clean(medium);
        campaign = Text.clean(campaign);
    }

    boolean isEmpty() {
        return source == null && medium == null && campaign == null;
    }

    int jsonSize() {
        return JsonSize.string("source", source) + JsonSize.string("medium", medium)
                + JsonSize.string("campaign", campaign) + 2;
    }
}
