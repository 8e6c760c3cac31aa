package io.ecomlog.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder as an object store: the local data lake of the embedded default. Objects are written to a temporary file
 * and moved into place, so readers (DuckDB, the backend jobs) never see half an object.
 */
public final class LocalFolderStore implements ObjectStore {

    private final Path root;

    public LocalFolderStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toUri().toString();
    }

    @Override
    public void put(String key, byte[] body) throws IOException {
        var target = resolve(key);
        Files.createDirectories(target.getParent());
        var tmp = Files.createTempFile(target.getParent(), ".inflight-", ".tmp");
        try {
            Files.write(tmp, body);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".inflight-"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public byte[] get(String key) throws IOException {
        return Files.readAllBytes(resolve(key));
    }

    private Path resolve(String key) {
        var path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("object key escapes the lake folder: " + key);
        }
        return path;
    }
}
