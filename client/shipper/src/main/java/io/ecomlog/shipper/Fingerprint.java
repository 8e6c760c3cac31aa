package io.ecomlog.shipper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a file's first line (at most {@value #MAX_BYTES} bytes), and how many bytes it covers. With the
 * file's key (inode) it tells one generation of a file from another: a reused inode, or a file truncated and written
 * again (copy-truncate), has another first line. A first line is final once complete, so the fingerprint is the
 * same on every run — which the deterministic event ids rely on.
 */
public record Fingerprint(String sha256, int length) {

    static final int MAX_BYTES = 256;

    /**
     * The fingerprint of the file as it is now, or null while its first line is incomplete and shorter than
     * {@value #MAX_BYTES} bytes (unless {@code finished}: then whatever bytes there are count).
     */
    static Fingerprint of(FileChannel channel, boolean finished) throws IOException {
        byte[] head = head(channel, MAX_BYTES);
        for (int i = 0; i < head.length; i++) {
            if (head[i] == '\n') {
                return new Fingerprint(sha256(head, i + 1), i + 1);
            }
        }
        boolean complete = head.length == MAX_BYTES || (finished && head.length > 0);
        return complete ? new Fingerprint(sha256(head, head.length), head.length) : null;
    }

    /** Whether the file still starts with the bytes this fingerprint was taken of. */
    boolean matches(FileChannel channel) throws IOException {
        byte[] head = head(channel, length);
        return head.length == length && sha256(head, length).equals(sha256);
    }

    private static byte[] head(FileChannel channel, int max) throws IOException {
        var buffer = ByteBuffer.allocate(max);
        long at = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n <= 0) {
                break;
            }
            at += n;
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes, int length) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
