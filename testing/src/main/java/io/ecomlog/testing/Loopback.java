package io.ecomlog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;

/**
 * 127.0.0.1: its free ports and HTTP addresses. Apart from {@link LocalAws} so that what needs only these (the
 * OpenSearch node in local mode's JVM of its own) does not load the AWS SDK.
 */
public final class Loopback {

    public static final String ADDRESS = "127.0.0.1";

    private Loopback() {
    }

    /** A TCP port that was free on 127.0.0.1 a moment ago (ephemeral range). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + ADDRESS, e);
        }
    }

    /** {@code http://127.0.0.1:port}. */
    public static URI httpEndpoint(int port) {
        return URI.create("http://" + ADDRESS + ":" + port);
    }
}
