package dev.surge.reporting.sales.domain;

import dev.surge.platform.errors.NotFoundException;

/** What asking for a report can run into (bad parameters are the platform's {@code validation_failed}). */
public final class ReportErrors {

    private ReportErrors() {
    }

    /** A merchant the caller may not act for answers as one that does not exist. */
    public static final class MerchantNotFound extends NotFoundException {
        public MerchantNotFound() {
            super("merchant_not_found", "No such merchant");
        }
    }
}
