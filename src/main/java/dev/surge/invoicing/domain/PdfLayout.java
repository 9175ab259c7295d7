package dev.surge.invoicing.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lines of text on A4 pages, top to bottom, with a new page when one is full. Text is set in Helvetica, one of
 * the PDF standard fonts (nothing embedded, so a document is a few kilobytes); those fonts cover WinAnsi
 * (Western European) characters only, and any other character is printed as {@code ?}. Blocking and CPU work:
 * runs on the rendering scheduler only.
 */
final class PdfLayout implements AutoCloseable {

    static final float LEFT = 50;
    static final float RIGHT = PDRectangle.A4.getWidth() - 50;
    private static final float TOP = PDRectangle.A4.getHeight() - 50;
    private static final float BOTTOM = 60;

    final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private final PDDocument document;
    private final String footer;
    private final List<PDPageContentStream> streams = new ArrayList<>();
    private PDPageContentStream page;
    private float y;

    PdfLayout(PDDocument document, String footer) {
        this.document = document;
        this.footer = footer;
        newPage();
    }

    /** Moves down by {@code height}, starting a new page first when the line would not fit. */
    void down(float height) {
        if (y - height < BOTTOM) {
            newPage();
        }
        y -= height;
    }

    /** Text starting at {@code x} on the current line. */
    void text(float x, PDType1Font font, float size, String text) {
        try {
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(x, y);
            page.showText(printable(font, text));
            page.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text ending at {@code right} on the current line (amounts). */
    void right(float right, PDType1Font font, float size, String text) {
        String shown = printable(font, text);
        text(right - width(font, size, shown), font, size, shown);
    }

    /** A rule across the page under the current line. */
    void rule() {
        try {
            page.moveTo(LEFT, y - 4);
            page.lineTo(RIGHT, y - 4);
            page.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} cut into lines no wider than {@code width}, at spaces where possible. */
    List<String> wrap(PDType1Font font, float size, String text, float width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable(font, text).split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(font, size, candidate) <= width || line.isEmpty()) {
                line.setLength(0);
                line.append(candidate);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private float width(PDType1Font font, float size, String text) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with every character the font cannot encode replaced by {@code ?}. */
    static String printable(PDType1Font font, String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String c = Character.isISOControl(cp) ? " " : new String(Character.toChars(cp));
            try {
                font.encode(c);
                out.append(c);
            } catch (IllegalArgumentException | IOException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private void newPage() {
        PDPage next = new PDPage(PDRectangle.A4);
        document.addPage(next);
        try {
            page = new PDPageContentStream(document, next);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        streams.add(page);
        y = TOP;
    }

    /** Numbers the pages in their footers and closes their streams. */
    @Override
    public void close() {
        int count = streams.size();
        for (int i = 0; i < count; i++) {
            page = streams.get(i);
            y = BOTTOM - 25;
            text(LEFT, regular, 8, footer);
            right(RIGHT, regular, 8, "Page " + (i + 1) + " of " + count);
            try {
                page.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
