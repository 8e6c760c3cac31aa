package io.ecomlog.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A block of a page under {@code docs/} that the build prints from a description in code (the client's settings, the
 * functions' environments): the test that owns it fails while the page differs, and rewrites the block when run with
 * {@code -Decomlog.docs.update=true}.
 */
public final class GeneratedDocs {

    /** The system property that rewrites the blocks instead of failing. */
    public static final String UPDATE_PROPERTY = "ecomlog.docs.update";

    private GeneratedDocs() {
    }

    /**
     * @param page      the page's name under {@code docs/}, found walking up from the working directory
     * @param begin     the line that opens the block, as the page has it
     * @param end       the line that closes it
     * @param generated the block's content, printed from the description
     * @param regenerate the command that regenerates it, for the failure message
     */
    public static void assertBlock(String page, String begin, String end, String generated, String regenerate)
            throws IOException {
        Path doc = find(page);
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError(doc + " has no block between \"" + begin + "\" and \"" + end + "\"");
        }
        String updated = text.substring(0, from) + begin + "\n" + generated + end + text.substring(to + end.length());
        if (updated.equals(text)) {
            return;
        }
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(doc, updated, StandardCharsets.UTF_8);
            return;
        }
        throw new AssertionError(doc + " differs from what the code describes; regenerate with " + regenerate
                + " -D" + UPDATE_PROPERTY + "=true");
    }

    private static Path find(String page) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve(page);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no docs/" + page + " above " + Path.of("").toAbsolutePath());
    }
}
