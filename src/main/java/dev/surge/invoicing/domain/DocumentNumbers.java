package dev.surge.invoicing.domain;

import dev.surge.invoicing.config.InvoicingProperties;

/** How a document's number reads, and who issues it, from the settings. */
final class DocumentNumbers {

    private DocumentNumbers() {
    }

    /** {@code INV} and 123 with 6 digits: {@code INV-000123}; more digits once the counter outgrows them. */
    static String format(String series, long seq, int digits) {
        String counter = Long.toString(seq);
        return series + "-" + "0".repeat(Math.max(0, digits - counter.length())) + counter;
    }

    static InvoiceDocument.Party seller(InvoicingProperties properties) {
        InvoicingProperties.Seller seller = properties.seller();
        return new InvoiceDocument.Party(seller.name(), seller.address(), seller.taxId() == null ? "" : seller.taxId(),
                seller.email() == null ? "" : seller.email());
    }
}
