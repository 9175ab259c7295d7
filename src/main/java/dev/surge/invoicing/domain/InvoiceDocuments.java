package dev.surge.invoicing.domain;

import dev.surge.invoicing.domain.InvoiceDocument.Buyer;
import dev.surge.invoicing.domain.InvoiceDocument.Kind;
import dev.surge.invoicing.domain.InvoiceDocument.Line;
import dev.surge.invoicing.domain.InvoiceDocument.Party;
import dev.surge.invoicing.domain.InvoiceDocument.TaxLine;
import dev.surge.orders.OrderDetails;
import dev.surge.orders.OrderDetails.Address;
import dev.surge.platform.persistence.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds what a document shows, without I/O. The store is the seller of record (it took the payment); each line
 * names the merchant whose product it is. An order has one tax rate (its destination's) and untaxed shipping,
 * so an invoice has one tax line. A credit note gives back an amount of the invoice's total, tax included, and
 * the tax in it is the invoice's tax per rate in the same proportion (a full refund gives back exactly the
 * invoice's tax).
 */
public final class InvoiceDocuments {

    private InvoiceDocuments() {
    }

    /** The invoice of a paid order. */
    public static InvoiceDocument invoice(OrderDetails order, String number, Instant issuedAt, Party seller) {
        String currency = order.total().currency();
        List<Line> lines = order.lines().stream()
                .map(line -> new Line(description(line), line.sku(), line.merchantName(), line.quantity(),
                        line.unitPrice(), line.lineTotal(), line.tax()))
                .toList();
        long base = order.pricesIncludeTax() ? order.subtotal().amountMinor() - order.tax().amountMinor()
                : order.subtotal().amountMinor();
        TaxLine tax = new TaxLine(order.taxRate() == null ? BigDecimal.ZERO : order.taxRate().stripTrailingZeros(),
                new Money(base, currency), order.tax());
        Address billing = order.billingAddress() != null ? order.billingAddress() : order.shippingAddress();
        Buyer buyer = new Buyer(buyerName(billing, order), order.email(), lines(billing),
                lines(order.shippingAddress()));
        return new InvoiceDocument(Kind.INVOICE, number, issuedAt, order.number(), order.createdAt(), order.paidAt(),
                currency, seller, buyer, lines, List.of(tax), order.subtotal(), order.shipping(), order.tax(),
                order.total(), order.pricesIncludeTax(), null, null);
    }

    /** The credit note of a refund of {@code amount} (tax included) against {@code invoice}. */
    public static InvoiceDocument creditNote(InvoiceDocument invoice, String number, Instant issuedAt,
            String refundReference, Money amount) {
        long total = invoice.total().amountMinor();
        List<TaxLine> taxes = new ArrayList<>();
        long taxSum = 0;
        for (TaxLine line : invoice.taxes()) {
            long tax = share(line.tax().amountMinor(), amount.amountMinor(), total);
            long base = share(line.base().amountMinor(), amount.amountMinor(), total);
            taxes.add(new TaxLine(line.rate(), new Money(base, amount.currency()), new Money(tax, amount.currency())));
            taxSum += tax;
        }
        Money tax = new Money(taxSum, amount.currency());
        Line line = new Line("Refund " + refundReference + " of invoice " + invoice.number(), null, null, 1, amount,
                amount, tax);
        return new InvoiceDocument(Kind.CREDIT_NOTE, number, issuedAt, invoice.orderNumber(), invoice.orderedAt(),
                invoice.paidAt(), amount.currency(), invoice.seller(), invoice.buyer(), List.of(line), taxes, amount,
                new Money(0, amount.currency()), tax, amount, true, invoice.number(), refundReference);
    }

    /** {@code part} of {@code value} out of {@code whole}, rounded half up; all of it when part is the whole. */
    static long share(long value, long part, long whole) {
        if (part == whole || whole <= 0) {
            return part == whole ? value : 0;
        }
        return BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(part))
                .divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** The line's product and variant, and the discount a promotion took off it (its amount is after it). */
    private static String description(OrderDetails.Line line) {
        String variant = line.variantTitle();
        String name = variant == null || variant.isBlank() ? line.productTitle() : line.productTitle() + " - " + variant;
        Money discount = line.discount();
        if (discount == null || discount.amountMinor() <= 0) {
            return name;
        }
        int digits = java.util.Currency.getInstance(discount.currency()).getDefaultFractionDigits();
        return name + " (less discount " + BigDecimal.valueOf(discount.amountMinor(), Math.max(digits, 0)).toPlainString()
                + ")";
    }

    private static String buyerName(Address address, OrderDetails order) {
        return address != null && address.name() != null && !address.name().isBlank() ? address.name() : order.email();
    }

    /** An address as the lines of an envelope; empty when there is none. */
    static List<String> lines(Address a) {
        if (a == null) {
            return List.of();
        }
        String cityLine = Stream.of(a.postalCode(), a.city()).filter(InvoiceDocuments::present)
                .reduce((x, y) -> x + " " + y).orElse(null);
        String regionLine = Stream.of(a.region(), a.country()).filter(InvoiceDocuments::present)
                .reduce((x, y) -> x + ", " + y).orElse(null);
        return Stream.of(a.name(), a.line1(), a.line2(), cityLine, regionLine)
                .filter(InvoiceDocuments::present).toList();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
