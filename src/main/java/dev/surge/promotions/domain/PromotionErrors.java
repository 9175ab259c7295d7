package dev.surge.promotions.domain;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.errors.UnprocessableException;

/** What can go wrong with promotions and codes; mapped to problem+json in one place (the platform's handler). */
public final class PromotionErrors {

    static final String PROMOTION_NOT_FOUND = "promotion_not_found";
    static final String MERCHANT_NOT_FOUND = "merchant_not_found";
    static final String CODE_TAKEN = "coupon_code_taken";
    static final String PROMOTION_CHANGED = "promotion_changed";
    static final String CAP_BELOW_REDEEMED = "cap_below_redeemed";
    static final String PROMOTION_USED_UP = "promotion_used_up";

    private PromotionErrors() {
    }

    /** No such promotion, or not one the caller may manage (never tell which). */
    public static final class PromotionNotFound extends NotFoundException {
        public PromotionNotFound() {
            super(PROMOTION_NOT_FOUND, "No such promotion");
        }
    }

    /** A merchant the caller does not belong to looks like one that does not exist. */
    public static final class MerchantNotFound extends NotFoundException {
        public MerchantNotFound() {
            super(MERCHANT_NOT_FOUND, "No such merchant");
        }
    }

    /** Another live promotion has this code. */
    public static final class CodeTaken extends ConflictException {
        public CodeTaken() {
            super(CODE_TAKEN, "Another live promotion has this code");
        }
    }

    /** A deactivated promotion cannot be changed. */
    public static final class PromotionInactive extends ConflictException {
        public PromotionInactive() {
            super(PROMOTION_CHANGED, "The promotion is deactivated and can no longer change");
        }
    }

    /** A cap lower than the redemptions already made. */
    public static final class CapBelowRedeemed extends UnprocessableException {
        public CapBelowRedeemed(int redeemed) {
            super(CAP_BELOW_REDEEMED, "The cap cannot be lower than the " + redeemed + " redemptions already made");
        }
    }

    /** An automatic promotion's last redemption went to another checkout meanwhile: checking out again prices without it. */
    public static final class PromotionUsedUp extends ConflictException {
        public PromotionUsedUp() {
            super(PROMOTION_USED_UP, "A promotion in this order has just been used up; check out again");
        }
    }

    /** The entered code was used up, or the customer's limit reached, by another checkout: 409 {@code coupon_<reason>}. */
    public static final class CouponTaken extends ConflictException {
        public CouponTaken(String reason) {
            super("coupon_" + reason, PromotionRules.message(reason));
        }
    }

    /** The entered code does not apply to this checkout: 422 {@code coupon_<reason>}. */
    public static final class CouponRefused extends UnprocessableException {
        public CouponRefused(String reason, String message) {
            super("coupon_" + reason, message);
        }
    }
}
