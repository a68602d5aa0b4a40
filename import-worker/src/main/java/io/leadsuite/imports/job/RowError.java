package io.leadsuite.imports.job;

/**
 * Why one row was refused, as the seed's {@code errors} entries.
 *
 * @param row the row's number as a spreadsheet shows it (the header is row 1, quoted line breaks count)
 * @param field the column's lead field ({@code email}, {@code customFields.Region}), or {@code row} when
 *     the row as a whole is wrong
 * @param message what is wrong, for a person
 */
public record RowError(long row, String field, String message) {}
