package dev.surge.platform.security;

import java.util.UUID;

/**
 * Who may act for a merchant, decided in one place for every module: administrators for every merchant,
 * a seller for their own. What a refusal looks like is the caller's module's business (a merchant the caller
 * does not belong to usually answers as one that does not exist).
 */
public enum MerchantAccess {

    /** An administrator: any merchant (whether it exists is for the module to check). */
    STAFF,
    /** A seller acting for their own merchant. */
    OWN,
    /** A seller of another merchant. */
    OTHER_MERCHANT,
    /** Neither staff nor a seller. */
    NOT_A_SELLER;

    public static MerchantAccess of(Principals caller, UUID merchantId) {
        if (caller.hasAnyRole("ADMIN", "SUPER_ADMIN")) {
            return STAFF;
        }
        if (!caller.hasAnyRole("SELLER")) {
            return NOT_A_SELLER;
        }
        return merchantId != null && merchantId.equals(caller.merchantId()) ? OWN : OTHER_MERCHANT;
    }

    public boolean allowed() {
        return this == STAFF || this == OWN;
    }
}
