package dev.surge.invoicing.domain;

import dev.surge.platform.persistence.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What an invoice or a credit note shows, frozen when it is numbered and stored with it (as JSON), so its PDF
 * renders the same whenever it is rendered, whatever happens to the order, the catalog or the settings later.
 * Amounts are in the document's currency; {@code pricesIncludeTax}: unit prices and line amounts contain the tax.
 *
 * @param refersTo        a credit note: the number of the invoice it corrects; an invoice: null
 * @param refundReference a credit note: the provider's reference of the refund it documents; an invoice: null
 */
public record InvoiceDocument(Kind kind, String number, Instant issuedAt, String orderNumber, Instant orderedAt,
        Instant paidAt, String currency, Party seller, Buyer buyer, List<Line> lines, List<TaxLine> taxes,
        Money subtotal, Money shipping, Money tax, Money total, boolean pricesIncludeTax, String refersTo,
        String refundReference) {

    public InvoiceDocument {
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
    }

    public enum Kind {
        INVOICE("Invoice"), CREDIT_NOTE("Credit note");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** The issuer: its name, postal address lines, tax registration (empty: none) and contact email. */
    public record Party(String name, List<String> address, String taxId, String email) {

        public Party {
            address = List.copyOf(address);
        }
    }

    /** The buyer as the order holds them: a name (from the billing or shipping address), email, both addresses. */
    public record Buyer(String name, String email, List<String> billingAddress, List<String> shippingAddress) {

        public Buyer {
            billingAddress = List.copyOf(billingAddress);
            shippingAddress = List.copyOf(shippingAddress);
        }
    }

    /** One line: what was sold (or given back), by which merchant, how many, at what price, with its tax. */
    public record Line(String description, String sku, String soldBy, int quantity, Money unitPrice, Money amount,
            Money tax) {
    }

    /** The tax at one rate (percent): the amount it applies to, net of tax, and the tax. */
    public record TaxLine(BigDecimal rate, Money base, Money tax) {
    }
}
