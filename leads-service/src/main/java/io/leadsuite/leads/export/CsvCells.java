package io.leadsuite.leads.export;

/**
 * Keeps spreadsheet applications from executing exported data: a cell that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return is read as a formula by Excel, LibreOffice
 * and Google Sheets, so it gets a leading apostrophe (OWASP's advice for CSV injection).
 */
final class CsvCells {

    private CsvCells() {}

    static String neutralize(String value) {
        if (value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }
}
