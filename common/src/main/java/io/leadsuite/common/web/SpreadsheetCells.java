package io.leadsuite.common.web;

/**
 * Keeps spreadsheet applications from executing data we write as CSV (lead exports, import error files): a cell that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return is read as a formula by Excel, LibreOffice
 * and Google Sheets, so it gets a leading apostrophe (OWASP's advice for CSV injection).
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {}

    public static String neutralize(String value) {
        if (value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }
}
