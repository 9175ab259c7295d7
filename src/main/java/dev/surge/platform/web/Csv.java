package dev.surge.platform.web;

import java.util.List;

/**
 * Lines of CSV for exports: RFC 4180 quoting (a cell with a comma, quote, CR or LF is quoted, quotes doubled),
 * CRLF line ends. {@link #safeLine} also neutralises spreadsheet formulas (OWASP "CSV injection"): a cell that
 * starts with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return gets a leading {@code '}, so a
 * spreadsheet shows it as text instead of running it. Use it for anything a customer or seller could have typed.
 */
public final class Csv {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {
    }

    /** One record with its CRLF; null cells are empty. */
    public static String line(List<String> cells) {
        return join(cells, false);
    }

    /** One record with its CRLF, every cell {@linkplain #neutralised neutralised} first. */
    public static String safeLine(List<String> cells) {
        return join(cells, true);
    }

    /** The cell as a spreadsheet will show it as text: {@code '} before a leading formula character. */
    public static String neutralised(String cell) {
        return cell != null && !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    private static String join(List<String> cells, boolean safe) {
        StringBuilder out = new StringBuilder(cells.size() * 16);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String cell = safe ? neutralised(cells.get(i)) : cells.get(i);
            if (cell == null) {
                continue;
            }
            if (needsQuotes(cell)) {
                out.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                out.append(cell);
            }
        }
        return out.append("\r\n").toString();
    }

    private static boolean needsQuotes(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
