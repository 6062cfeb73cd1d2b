package dev.timbre.ingest.web;

import java.util.Optional;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 §14.1.2), resolved against the content's length.
 * Only single ranges are served; a multi-range request gets its first range (browsers' media elements only ever
 * ask for one).
 *
 * @param start first byte, inclusive
 * @param end   last byte, inclusive
 */
public record ByteRange(long start, long end) {

    /** Thrown for a range that cannot be satisfied (416 with {@code Content-Range: bytes *}/length). */
    public static final class Unsatisfiable extends RuntimeException {
        public Unsatisfiable(String message) {
            super(message);
        }
    }

    public long length() {
        return end - start + 1;
    }

    public String contentRange(long total) {
        return "bytes " + start + "-" + end + "/" + total;
    }

    /**
     * Empty for no header or one we do not understand (then the whole content is sent with 200, as RFC 9110 allows);
     * the range clipped to the content otherwise.
     *
     * @throws Unsatisfiable when the range starts beyond the content or the content is empty
     */
    public static Optional<ByteRange> parse(String header, long total) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return Optional.empty();
        }
        String first = h.substring(6).split(",", 2)[0].strip();
        int dash = first.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String a = first.substring(0, dash).strip();
        String b = first.substring(dash + 1).strip();
        try {
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return Optional.empty();
                }
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || total == 0) {
                    throw new Unsatisfiable("suffix range of " + suffix + " bytes on " + total + " bytes");
                }
                return Optional.of(new ByteRange(Math.max(0, total - suffix), total - 1));
            }
            long start = Long.parseLong(a);
            long end = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (start < 0 || end < start) {
                return Optional.empty(); // syntactically invalid: ignored
            }
            if (start >= total) {
                throw new Unsatisfiable("range starts at " + start + ", the content has " + total + " bytes");
            }
            return Optional.of(new ByteRange(start, Math.min(end, total - 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
