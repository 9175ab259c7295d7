package dev.surge.invoicing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.invoicing.domain.InvoiceDocument.Party;
import dev.surge.orders.OrderDetails;
import dev.surge.orders.OrderDetails.Address;
import dev.surge.orders.OrderStatus;
import dev.surge.platform.persistence.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Documents built from an order and rendered, read back with PDFBox's text extraction. */
class PdfRendererTests {

    static final Party SELLER = new Party("Surge Store Ltd", List.of("1 Market Street", "Springfield"), "GB123456789",
            "billing@surge.example");

    static OrderDetails order(int lineCount, String currency, boolean inclusive) {
        List<OrderDetails.Line> lines = new ArrayList<>();
        long subtotal = 0;
        long tax = 0;
        for (int i = 1; i <= lineCount; i++) {
            long amount = 1250L * i;
            long lineTax = Math.round(amount * 0.0725);
            lines.add(new OrderDetails.Line(UUID.randomUUID(), UUID.randomUUID(), "SKU-" + i, "Product " + i,
                    "Variant " + i, i, new Money(1250, currency), new Money(amount, currency), new Money(lineTax, currency),
                    "Merchant " + i));
            subtotal += amount;
            tax += lineTax;
        }
        Address shipTo = new Address("Ada Lovelace", "12 Analytical Way", null, "Springfield", "CA", "12345", "US");
        Address billTo = new Address("Ada King", "1 Engine Row", "Flat 2", "London", null, "N1 1AA", "GB");
        long shipping = 500;
        Money total = new Money(subtotal + shipping + (inclusive ? 0 : tax), currency);
        return new OrderDetails(UUID.randomUUID(), "SRG-ABCDEFGHJK", null, "ada@example.com", OrderStatus.PAID,
                new Money(subtotal, currency), new Money(tax, currency), new Money(shipping, currency), total, inclusive,
                new BigDecimal("7.25"), shipTo, total, new Money(0, currency), null, null,
                Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:30:00Z"), lines, billTo,
                Instant.parse("2026-12-01T10:05:00Z"));
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void anInvoiceShowsSellerBuyerEveryLineTaxPerRateShippingAndTheTotalInItsCurrency() throws IOException {
        OrderDetails order = order(3, "USD", false);
        InvoiceDocument invoice = InvoiceDocuments.invoice(order, "INV-000042", Instant.parse("2026-12-01T10:06:00Z"),
                SELLER);

        String text = text(PdfRenderer.render(invoice));

        assertThat(text).contains("Invoice", "INV-000042", "SRG-ABCDEFGHJK", "Surge Store Ltd", "GB123456789",
                "Ada King", "1 Engine Row", "Ada Lovelace", "12 Analytical Way", "ada@example.com", "2026-12-01");
        for (int i = 1; i <= 3; i++) {
            assertThat(text).contains("Product " + i + " - Variant " + i, "Sold by Merchant " + i + " - SKU SKU-" + i);
        }
        // 12.50 + 25.00 + 37.50 = 75.00; tax 0.91 + 1.81 + 2.72 = 5.44 at 7.25 %; shipping 5.00; total 85.44
        assertThat(text).contains("75.00", "Tax 7.25% on 75.00", "5.44", "Shipping (not taxed)", "5.00",
                "Total (USD)", "85.44 USD");
    }

    @Test
    void aCreditNoteRefersToItsInvoiceAndGivesBackTheTaxInProportion() throws IOException {
        InvoiceDocument invoice = InvoiceDocuments.invoice(order(3, "USD", false), "INV-000042", Instant.now(), SELLER);

        InvoiceDocument half = InvoiceDocuments.creditNote(invoice, "CN-000007", Instant.now(), "re_123",
                new Money(4272, "USD"));
        InvoiceDocument all = InvoiceDocuments.creditNote(invoice, "CN-000008", Instant.now(), "re_124",
                invoice.total());

        assertThat(half.tax()).isEqualTo(new Money(272, "USD")); // 5.44 * 42.72 / 85.44
        assertThat(all.tax()).isEqualTo(invoice.tax());
        assertThat(all.taxes().get(0).base()).isEqualTo(invoice.taxes().get(0).base());
        String text = text(PdfRenderer.render(half));
        assertThat(text).contains("Credit note", "CN-000007", "Corrects invoice: INV-000042", "Refund: re_123",
                "SRG-ABCDEFGHJK", "Total refunded (USD)", "42.72 USD", "2.72");
    }

    @Test
    void zeroAndThreeDecimalCurrenciesPrintTheirOwnDecimals() {
        assertThat(PdfRenderer.amount(new Money(800, "JPY"))).isEqualTo("800");
        assertThat(PdfRenderer.amount(new Money(1500, "KWD"))).isEqualTo("1.500");
        assertThat(PdfRenderer.amount(new Money(5, "USD"))).isEqualTo("0.05");
    }

    @Test
    void manyLinesFlowOntoMorePagesAndCharactersTheFontLacksDoNotBreakTheDocument() throws IOException {
        OrderDetails order = order(90, "EUR", true);
        OrderDetails.Line odd = new OrderDetails.Line(UUID.randomUUID(), UUID.randomUUID(), "SKU-91", "Tee 東京",
                "Größe M", 1, new Money(100, "EUR"), new Money(100, "EUR"), new Money(0, "EUR"), "Магазин");
        List<OrderDetails.Line> lines = new ArrayList<>(order.lines());
        lines.add(odd);
        OrderDetails withOdd = new OrderDetails(order.id(), order.number(), null, order.email(), order.status(),
                order.subtotal(), order.tax(), order.shipping(), order.total(), true, order.taxRate(),
                order.shippingAddress(), order.paid(), order.refunded(), null, null, order.createdAt(),
                order.expiresAt(), lines, null, order.paidAt());

        byte[] pdf = PdfRenderer.render(InvoiceDocuments.invoice(withOdd, "INV-000100", Instant.now(), SELLER));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
            String text = new PDFTextStripper().getText(document);
            IntStream.rangeClosed(1, 90).forEach(i -> assertThat(text).contains("Product " + i + " - Variant " + i));
            assertThat(text).contains("Tee ?? - Größe M", "Sold by ??????? - SKU SKU-91", "Page 2 of",
                    "Subtotal (tax included)");
        }
    }
}
