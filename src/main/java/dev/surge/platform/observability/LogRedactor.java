package dev.surge.platform.observability;

import java.util.regex.Pattern;

/**
 * Removes personal data and secrets from a formatted log line, whatever wrote it (our code, a library, an
 * exception message or stack trace, the JSON encoder). {@link RedactingEncoder} runs every console line through
 * it, so no call site has to remember. What it replaces, in this order:
 * <ol>
 * <li>JSON Web Tokens ({@code eyJ...}.{@code ...}.{@code ...}) by {@code [jwt]};</li>
 * <li>{@code Bearer <credential>} by {@code Bearer [redacted]};</li>
 * <li>the value after a secret-looking or address key ({@code password}, {@code newPassword}, {@code secret},
 * {@code token}, {@code refreshToken}, {@code apiKey}, {@code authorization}, {@code cookie}, {@code line1},
 * {@code line2}, {@code street}, {@code postalCode}, {@code phone}...) followed by {@code =} or {@code :}, quoted
 * (JSON, also inside an escaped JSON string) or not (query strings, {@code key=value} text), by {@code [redacted]};</li>
 * <li>email addresses by {@code [email]};</li>
 * <li>opaque tokens (refresh, reset and verification tokens, API keys): 32 or more URL-safe base64 characters with
 * upper case, lower case and digits, by {@code [token]} (UUIDs and hex digests, lower case, stay);</li>
 * <li>runs of 13 to 19 digits (spaces or dashes allowed between them) that pass the Luhn check, as card
 * numbers do, by {@code [card]}.</li>
 * </ol>
 * A line with none of these is returned as the same instance.
 */
public final class LogRedactor {

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{6,}");
    private static final String KEY = "(?i)([A-Za-z0-9_.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key"
            + "|authorization|cookie|line1|line2|street|postal[_-]?code|postcode|phone))";
    /** {@code "key":"value"} or {@code key="value"}, also escaped inside a JSON string ({@code \"key\":\"value\"}): up to the closing quote. */
    private static final Pattern QUOTED_VALUE = Pattern.compile(KEY + "(\\\\?\"?\\s*[:=]\\s*\\\\?\")([^\"\\\\]+)");
    /** {@code key=value}, {@code key: value}: up to a space, quote, separator or bracket. */
    private static final Pattern BARE_VALUE = Pattern.compile(KEY + "(\\s*[:=]\\s*)([^\\s\"'&,;}\\]\\\\\\[]+)");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** Opaque tokens (refresh, reset, verification, API keys): 32+ URL-safe characters mixing cases and digits. */
    private static final Pattern OPAQUE = Pattern.compile(
            "(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])");
    private static final Pattern CARD = Pattern.compile("(?<![\\w-])\\d(?:[ -]?\\d){12,18}(?![\\w-])");

    private LogRedactor() {
    }

    public static String redact(String line) {
        String result = JWT.matcher(line).replaceAll("[jwt]");
        result = BEARER.matcher(result).replaceAll("$1 [redacted]");
        result = QUOTED_VALUE.matcher(result).replaceAll("$1$2[redacted]");
        result = BARE_VALUE.matcher(result).replaceAll("$1$2[redacted]");
        result = EMAIL.matcher(result).replaceAll("[email]");
        result = OPAQUE.matcher(result).replaceAll("[token]");
        result = CARD.matcher(result).replaceAll(match -> luhn(match.group()) ? "[card]" : match.group());
        return result.equals(line) ? line : result;
    }

    static boolean luhn(String candidate) {
        int sum = 0;
        int digits = 0;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (digits % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            digits++;
        }
        return digits >= 13 && digits <= 19 && sum % 10 == 0;
    }
}
