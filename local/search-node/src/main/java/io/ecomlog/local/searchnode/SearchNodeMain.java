package io.ecomlog.local.searchnode;

import io.ecomlog.testing.OpenSearchNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Starts local mode's OpenSearch node: {@code SearchNodeMain <data folder> <port file>}. When the node is healthy its
 * HTTP port is written to the port file (whole, by a rename); it then runs until its standard input closes, which
 * happens when local mode stops or dies, so no node outlives the run that started it.
 */
public final class SearchNodeMain {

    private SearchNodeMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SearchNodeMain <data folder> <port file>");
            System.exit(2);
        }
        Path data = Files.createDirectories(Path.of(args[0]));
        Path portFile = Path.of(args[1]);
        try (var node = OpenSearchNode.start(data, 0)) {
            Path partial = portFile.resolveSibling(portFile.getFileName() + ".partial");
            Files.writeString(partial, Integer.toString(node.endpoint().getPort()), StandardCharsets.US_ASCII);
            Files.move(partial, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            while (System.in.read() >= 0) {
                // nothing is sent; the end of the stream is the signal to stop
            }
        }
        System.exit(0); // the node's own threads would keep the JVM up
    }
}
