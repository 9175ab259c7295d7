package dev.surge.catalog.domain;

import dev.surge.platform.persistence.Ids;
import java.text.Normalizer;
import java.util.Locale;

/** Turns titles and names into URL slugs: lower-case ASCII words joined by dashes ("Crème Brûlée" → "creme-brulee"). */
final class Slugs {

    static final int MAX_BASE = 80;

    private Slugs() {
    }

    static String of(String text, String fallback) {
        String ascii = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (ascii.length() > MAX_BASE) {
            ascii = ascii.substring(0, MAX_BASE).replaceAll("-+$", "");
        }
        if (ascii.isEmpty()) {
            return fallback;
        }
        // A slug that reads as a UUID would be taken for an id by the public product route.
        return Ids.parseOrNull(ascii) != null ? fallback + "-" + ascii : ascii;
    }
}
