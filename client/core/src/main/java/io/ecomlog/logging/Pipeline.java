package io.ecomlog.logging;

import io.ecomlog.pipeline.EcomlogClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.time.Duration;
import java.util.List;

/**
 * An {@link EcomlogClient} together with the SDK clients an appender built for it (which the core client never
 * closes). Closing closes both, the ecomlog client first, by its deadline.
 */
public final class Pipeline {

    private final EcomlogClient client;
    private final List<SdkAutoCloseable> sdkClients;

    Pipeline(EcomlogClient client, List<SdkAutoCloseable> sdkClients) {
        this.client = client;
        this.sdkClients = List.copyOf(sdkClients);
    }

    public EcomlogClient client() {
        return client;
    }

    /** Closes the ecomlog client within {@code timeout}, then the SDK clients. Returns what the client returned. */
    public boolean close(Duration timeout) {
        boolean secured;
        try {
            secured = client.close(timeout);
        } finally {
            for (var sdk : sdkClients) {
                try {
                    sdk.close();
                } catch (RuntimeException ignored) {
                    // closing an HTTP pool; nothing left to do about it
                }
            }
        }
        return secured;
    }
}
