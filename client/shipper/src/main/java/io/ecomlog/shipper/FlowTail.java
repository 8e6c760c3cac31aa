package io.ecomlog.shipper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The files of one flow: finds those its glob matches, keyed by file identity, so a file renamed within the glob
 * (app.log → app.log.1) stays the same tailed file, a file that leaves the glob is finished from its open channel,
 * and a new file under an old name is a new file read from its start.
 */
final class FlowTail implements AutoCloseable {

    /** Rotated files that logrotate compressed: their bytes are no log lines. */
    private static final Set<String> COMPRESSED = Set.of(".gz", ".bz2", ".xz", ".zip", ".zst", ".lz4");

    private final FlowConfig flow;
    private final Path directory;
    private final PathMatcher matcher;
    private final Map<String, TailedFile> files = new LinkedHashMap<>();

    FlowTail(FlowConfig flow) {
        this.flow = flow;
        Path pattern = Path.of(flow.filePattern()).toAbsolutePath().normalize();
        this.directory = pattern.getParent();
        if (directory.toString().matches(".*[*?\\[\\]{}].*")) {
            throw new IllegalArgumentException("filePattern " + flow.filePattern()
                    + ": wildcards are allowed in the file name only, not in the directory");
        }
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
    }

    FlowConfig flow() {
        return flow;
    }

    Collection<TailedFile> files() {
        return files.values();
    }

    /**
     * Looks at the directory. Files seen for the first time start at their checkpoint when it still fits their
     * identity, else at 0 — or, at start-up with {@code END_OF_FILE}, at the end. Returns how many tracked files
     * left the glob in this scan (rotated away or deleted).
     */
    int scan(boolean startup, List<Checkpoints.Entry> checkpoints) throws IOException {
        Map<String, Path> present = list();
        int left = 0;
        for (var file : files.values()) {
            Path at = present.get(file.fileKey());
            if (at != null) {
                file.markPresent(at);
            } else if (!file.gone()) {
                file.markGone();
                left++;
            }
        }
        for (var entry : present.entrySet()) {
            if (!files.containsKey(entry.getKey())) {
                open(entry.getKey(), entry.getValue(), startup, checkpoints);
            }
        }
        return left;
    }

    private void open(String fileKey, Path path, boolean startup, List<Checkpoints.Entry> checkpoints)
            throws IOException {
        TailedFile file;
        try {
            file = TailedFile.open(path, fileKey);
        } catch (NoSuchFileException vanished) {
            return; // rotated away between listing and opening: the next scan sees what is there
        }
        long size = file.size();
        var checkpoint = Checkpoints.find(checkpoints, flow.id(), fileKey);
        if (checkpoint.isPresent()) {
            var saved = checkpoint.get();
            var fingerprint = saved.fingerprintOrNull();
            boolean sameGeneration = fingerprint == null ? saved.offset() == 0 : fingerprint.matches(file.channel());
            if (sameGeneration && size >= saved.offset()) {
                file.resumeAt(saved.offset(), fingerprint);
            } else {
                file.resumeAt(0, null); // truncated or another file on a reused inode: all of it is new
            }
        } else if (startup && flow.initialPosition() == InitialPosition.END_OF_FILE) {
            file.resumeAt(file.lineStartBefore(size), null);
        } else {
            file.resumeAt(0, null);
        }
        files.put(fileKey, file);
    }

    /** Closes and forgets a file that was finished and committed. */
    void drop(TailedFile file) {
        files.remove(file.fileKey());
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Path> list() throws IOException {
        var found = new LinkedHashMap<String, Path>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        var names = new ArrayList<Path>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path p : stream) {
                if (matcher.matches(p.getFileName()) && !compressed(p) && Files.isRegularFile(p)) {
                    names.add(p);
                }
            }
        }
        names.sort(null);
        for (Path p : names) {
            try {
                found.putIfAbsent(TailedFile.fileKeyOf(p), p);
            } catch (NoSuchFileException vanished) {
                // rotated away while listing
            }
        }
        return found;
    }

    private static boolean compressed(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return COMPRESSED.stream().anyMatch(name::endsWith);
    }

    @Override
    public void close() throws IOException {
        for (var file : files.values()) {
            file.close();
        }
        files.clear();
    }
}
