package dev.timbre.ingest.metadata;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cleaning of tag values: hostile or damaged tags are truncated or ignored, never passed on as they are. */
public final class TagText {
    /** The same bound ingest applies to the fields of an upload. */
    public static final int MAX_CHARS = 200;
    private static final Pattern YEAR = Pattern.compile("(?<![0-9])(1[0-9]{3}|20[0-9]{2})(?![0-9])");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*0*([0-9]{1,4})(?:\\s*/.*)?$");

    private TagText() {
    }

    /**
     * The value stripped and cut to {@link #MAX_CHARS} (at a code-point boundary); null when empty or when it looks
     * like binary junk rather than text (control characters or U+FFFD replacement characters making up more than a
     * tenth of it, or any NUL inside the part kept).
     */
    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        String head = value.length() > 4 * MAX_CHARS ? value.substring(0, 4 * MAX_CHARS) : value;
        int junk = 0;
        int total = 0;
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < head.length(); ) {
            int cp = head.codePointAt(i);
            i += Character.charCount(cp);
            total++;
            if (cp == 0xFFFD || (Character.isISOControl(cp) && cp != '\t' && cp != '\n' && cp != '\r')
                    || Character.getType(cp) == Character.UNASSIGNED || Character.getType(cp) == Character.PRIVATE_USE
                    || Character.getType(cp) == Character.SURROGATE) {
                junk++;
                continue;
            }
            kept.appendCodePoint(Character.isWhitespace(cp) ? ' ' : cp);
        }
        if (total == 0 || junk * 10 > total) {
            return null;
        }
        String text = kept.toString().replaceAll(" {2,}", " ").strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > MAX_CHARS) {
            text = text.substring(0, text.offsetByCodePoints(0, MAX_CHARS - 1)).strip() + "…";
        }
        return text;
    }

    /** The first plausible four-digit year (1000-2099) in a date-like tag ("2003", "2003-05-01", "May 2003"). */
    public static Integer year(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = YEAR.matcher(value.length() > 64 ? value.substring(0, 64) : value);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** A track number: "3", "03", "3/12"; null for zero, junk or more than 4 digits. */
    public static Integer trackNumber(String value) {
        if (value == null || value.length() > 32) {
            return null;
        }
        Matcher m = LEADING_NUMBER.matcher(value);
        if (!m.matches()) {
            return null;
        }
        int n = Integer.parseInt(m.group(1));
        return n == 0 ? null : n;
    }

    /** A genre: ID3 numeric references ("(8)", "8", "(8)Jazz") become their names; other text is cleaned. */
    public static String genre(String value, java.util.function.IntFunction<String> byId) {
        String text = clean(value);
        if (text == null) {
            return null;
        }
        Matcher m = Pattern.compile("^\\((\\d{1,3})\\)(.*)$").matcher(text);
        if (m.matches()) {
            String rest = m.group(2).strip();
            if (!rest.isEmpty()) {
                return rest;
            }
            return byId.apply(Integer.parseInt(m.group(1)));
        }
        if (text.chars().allMatch(Character::isDigit) && text.length() <= 3) {
            return byId.apply(Integer.parseInt(text));
        }
        return text.toLowerCase(Locale.ROOT).equals("unknown") ? null : text;
    }
}
