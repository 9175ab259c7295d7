package dev.surge.reviews.domain;

/**
 * Review text as stored: plain text, never markup. Nothing is escaped here (escaping is the output's job, and a
 * JSON string is already inert); only characters no reader needs are removed: control characters other than
 * line breaks and tabs (which terminals and log viewers interpret), and the Unicode bidirectional overrides (which
 * make text display in a different order than it reads).
 */
final class ReviewText {

    private ReviewText() {
    }

    /** The title on one line, stripped. */
    static String title(String raw) {
        return clean(raw, false).strip();
    }

    /** The body with its line breaks (as {@code \n}), stripped. */
    static String body(String raw) {
        return raw == null ? "" : clean(raw.replace("\r\n", "\n"), true).strip();
    }

    private static String clean(String raw, boolean lines) {
        StringBuilder text = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> {
            if ((c == '\n' && lines) || c == '\t') {
                text.append((char) c);
            } else if (c == '\n' || c == '\r') {
                text.append(' ');
            } else if (!Character.isISOControl(c) && !bidiControl(c)) {
                text.appendCodePoint(c);
            }
        });
        return text.toString();
    }

    private static boolean bidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
    }
}
