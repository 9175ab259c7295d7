package dev.surge.platform.privacy;

import java.util.Locale;

/**
 * What erased personal values are replaced with, the same in every module, so that anyone reading a kept row (an
 * order, an invoice, a notification) sees that the value was erased rather than missing, and code can tell an
 * erased address from a real one (nothing is ever sent to it).
 */
public final class ErasedValues {

    /** Stands for an erased email address; {@code .invalid} is reserved (RFC 2606), so it can never be delivered. */
    public static final String EMAIL = "erased@erased.invalid";

    /** Stands for an erased name, street, city or postal code. */
    public static final String TEXT = "[erased]";

    private static final String DOMAIN = "@erased.invalid";

    private ErasedValues() {
    }

    /** Whether {@code email} stands for an erased address (the shared one, or an erased account's own). */
    public static boolean isErasedEmail(String email) {
        return email != null && email.toLowerCase(Locale.ROOT).endsWith(DOMAIN);
    }

    /** The unique stand-in of an erased account's email, so the account row stays unique without the address. */
    public static String accountEmail(java.util.UUID userId) {
        return "erased+" + userId + DOMAIN;
    }
}
