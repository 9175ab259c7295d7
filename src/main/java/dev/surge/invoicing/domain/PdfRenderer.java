package dev.surge.invoicing.domain;

import static dev.surge.invoicing.domain.PdfLayout.LEFT;
import static dev.surge.invoicing.domain.PdfLayout.RIGHT;

import dev.surge.invoicing.domain.InvoiceDocument.Kind;
import dev.surge.invoicing.domain.InvoiceDocument.Line;
import dev.surge.invoicing.domain.InvoiceDocument.TaxLine;
import dev.surge.platform.persistence.Money;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.Currency;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * Lays an invoice or credit note out as a PDF: the issuer and the document's number and dates, the buyer's
 * addresses, one row per line (description, merchant and SKU under it, quantity, unit price, tax, amount), then
 * the subtotal, shipping, tax per rate and the total with its currency. Pure and blocking: callers run it on
 * the rendering scheduler ({@link DocumentRendering}).
 */
public final class PdfRenderer {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final float QTY = 345;
    private static final float UNIT = 420;
    private static final float TAX = 480;
    private static final float DESCRIPTION_WIDTH = 250;

    private PdfRenderer() {
    }

    public static byte[] render(InvoiceDocument doc) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream(8192)) {
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle(doc.kind().title() + " " + doc.number());
            info.setAuthor(doc.seller().name());
            info.setSubject("Order " + doc.orderNumber());
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            created.setTimeInMillis(doc.issuedAt().toEpochMilli());
            info.setCreationDate(created);
            try (PdfLayout page = new PdfLayout(pdf, doc.seller().name() + " - " + doc.kind().title() + " "
                    + doc.number())) {
                head(page, doc);
                parties(page, doc);
                lines(page, doc);
                totals(page, doc);
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void head(PdfLayout page, InvoiceDocument doc) {
        page.text(LEFT, page.bold, 20, doc.kind().title());
        page.right(RIGHT, page.bold, 12, doc.seller().name());
        page.down(18);
        page.text(LEFT, page.regular, 10, doc.kind().title() + " number: " + doc.number());
        List<String> seller = doc.seller().address();
        int rows = Math.max(5, seller.size() + 2);
        String[] left = {
            "Date of issue: " + date(doc.issuedAt()),
            "Order: " + doc.orderNumber() + (doc.orderedAt() == null ? "" : " of " + date(doc.orderedAt())),
            doc.paidAt() == null ? "" : "Paid: " + date(doc.paidAt()),
            doc.kind() == Kind.CREDIT_NOTE ? "Corrects invoice: " + doc.refersTo() : "Currency: " + doc.currency(),
            doc.kind() == Kind.CREDIT_NOTE ? "Refund: " + doc.refundReference() : "",
        };
        for (int i = 0; i < rows; i++) {
            if (i < seller.size()) {
                page.right(RIGHT, page.regular, 9, seller.get(i));
            } else if (i == seller.size() && !doc.seller().taxId().isBlank()) {
                page.right(RIGHT, page.regular, 9, "Tax ID: " + doc.seller().taxId());
            } else if (i == seller.size() + 1 && !doc.seller().email().isBlank()) {
                page.right(RIGHT, page.regular, 9, doc.seller().email());
            }
            page.down(13);
            if (i < left.length) {
                page.text(LEFT, page.regular, 10, left[i]);
            }
        }
        page.down(10);
    }

    private static void parties(PdfLayout page, InvoiceDocument doc) {
        float middle = (LEFT + RIGHT) / 2;
        page.text(LEFT, page.bold, 10, "Bill to");
        page.text(middle, page.bold, 10, "Ship to");
        List<String> billing = doc.buyer().billingAddress().isEmpty() ? List.of(doc.buyer().name())
                : doc.buyer().billingAddress();
        List<String> shipping = doc.buyer().shippingAddress();
        int rows = Math.max(billing.size() + 1, shipping.size());
        for (int i = 0; i < rows; i++) {
            page.down(13);
            if (i < billing.size()) {
                page.text(LEFT, page.regular, 9, billing.get(i));
            } else if (i == billing.size() && doc.buyer().email() != null) {
                page.text(LEFT, page.regular, 9, doc.buyer().email());
            }
            if (i < shipping.size()) {
                page.text(middle, page.regular, 9, shipping.get(i));
            }
        }
        page.down(26);
    }

    private static void lines(PdfLayout page, InvoiceDocument doc) {
        page.text(LEFT, page.bold, 9, "Description");
        page.right(QTY, page.bold, 9, "Qty");
        page.right(UNIT, page.bold, 9, "Unit price");
        page.right(TAX, page.bold, 9, "Tax");
        page.right(RIGHT, page.bold, 9, "Amount");
        page.rule();
        page.down(4);
        for (Line line : doc.lines()) {
            page.down(14);
            List<String> description = page.wrap(page.regular, 9, line.description(), DESCRIPTION_WIDTH);
            page.text(LEFT, page.regular, 9, description.get(0));
            page.right(QTY, page.regular, 9, Integer.toString(line.quantity()));
            page.right(UNIT, page.regular, 9, amount(line.unitPrice()));
            page.right(TAX, page.regular, 9, amount(line.tax()));
            page.right(RIGHT, page.regular, 9, amount(line.amount()));
            for (String more : description.subList(1, description.size())) {
                page.down(11);
                page.text(LEFT, page.regular, 9, more);
            }
            String origin = origin(line);
            if (!origin.isEmpty()) {
                page.down(11);
                page.text(LEFT + 8, page.regular, 7.5f, origin);
            }
        }
        page.rule();
        page.down(10);
    }

    private static void totals(PdfLayout page, InvoiceDocument doc) {
        float label = UNIT - 60;
        String taxNote = doc.pricesIncludeTax() ? " (included)" : "";
        row(page, label, "Subtotal" + (doc.pricesIncludeTax() ? " (tax included)" : ""), doc.subtotal());
        if (doc.kind() == Kind.INVOICE) {
            row(page, label, "Shipping (not taxed)", doc.shipping());
        }
        for (TaxLine tax : doc.taxes()) {
            row(page, label, "Tax " + percent(tax.rate()) + " on " + amount(tax.base()) + taxNote, tax.tax());
        }
        page.down(18);
        String total = doc.kind() == Kind.CREDIT_NOTE ? "Total refunded" : "Total";
        page.text(label, page.bold, 11, total + " (" + doc.currency() + ")");
        page.right(RIGHT, page.bold, 11, amount(doc.total()) + " " + doc.currency());
    }

    private static void row(PdfLayout page, float label, String text, Money value) {
        page.down(14);
        page.text(label, page.regular, 9, text);
        page.right(RIGHT, page.regular, 9, amount(value));
    }

    private static String origin(Line line) {
        String soldBy = line.soldBy() == null || line.soldBy().isBlank() ? "" : "Sold by " + line.soldBy();
        String sku = line.sku() == null ? "" : "SKU " + line.sku();
        return soldBy.isEmpty() || sku.isEmpty() ? soldBy + sku : soldBy + " - " + sku;
    }

    /** An amount in its currency's usual decimals: 1234 USD is {@code 12.34}, 800 JPY is {@code 800}. */
    static String amount(Money money) {
        int digits = Math.max(0, Currency.getInstance(money.currency()).getDefaultFractionDigits());
        return BigDecimal.valueOf(money.amountMinor(), digits).toPlainString();
    }

    private static String percent(BigDecimal rate) {
        return rate.stripTrailingZeros().toPlainString() + "%";
    }

    private static String date(Instant at) {
        return DATE.format(at);
    }
}
