package io.ecomlog.shipper;

/**
 * One complete line of a file.
 *
 * @param offset where it starts in the file (with the file's identity, the source of its event id)
 * @param end    where the next line starts: the position to commit once this line's event was taken
 * @param bytes  its bytes without the line break, at most the configured bound
 * @param cut    whether it was longer than the bound and cut there
 */
record Line(long offset, long end, byte[] bytes, boolean cut) {
}
