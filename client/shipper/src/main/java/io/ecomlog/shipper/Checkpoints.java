package io.ecomlog.shipper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoint file: per flow and file identity, the position up to which every line was delivered (the client's
 * flush returned). Written to a temporary file beside it and moved over it atomically, so a crash leaves the old or
 * the new checkpoint, never half of one.
 */
final class Checkpoints {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One file's committed position.
     *
     * @param flow        the flow's {@link FlowConfig#id() id}: its target and file pattern
     * @param fileKey     device and inode
     * @param fingerprint the SHA-256 of its first line, null while it had none
     * @param fingerprintLength the bytes the fingerprint covers
     * @param path        where the file was (for people reading the checkpoint)
     * @param offset      everything before it was delivered
     */
    record Entry(String flow, String fileKey, String fingerprint, int fingerprintLength, String path, long offset) {

        Fingerprint fingerprintOrNull() {
            return fingerprint == null ? null : new Fingerprint(fingerprint, fingerprintLength);
        }
    }

    record State(int version, List<Entry> files) {
    }

    private final Path file;

    Checkpoints(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path file() {
        return file;
    }

    List<Entry> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return JSON.readValue(file.toFile(), State.class).files();
    }

    static Optional<Entry> find(List<Entry> entries, String flow, String fileKey) {
        return entries.stream().filter(e -> e.flow().equals(flow) && e.fileKey().equals(fileKey)).findFirst();
    }

    void save(List<Entry> entries) throws IOException {
        Files.createDirectories(file.getParent());
        var tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, JSON.writeValueAsBytes(new State(1, entries)));
            try (var channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true); // on disk before it replaces the old checkpoint
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
