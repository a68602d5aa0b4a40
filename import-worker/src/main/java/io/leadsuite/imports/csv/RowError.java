package io.leadsuite.imports.csv;

import org.jspecify.annotations.Nullable;

/**
 * Why one row is not imported, as an import job lists it.
 *
 * @param row the spreadsheet row
 * @param field the field at fault, or absent when the row as a whole is
 * @param message for a person to read
 */
public record RowError(long row, @Nullable String field, String message) {}
