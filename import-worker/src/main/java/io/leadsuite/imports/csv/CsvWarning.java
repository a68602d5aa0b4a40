package io.leadsuite.imports.csv;

import org.jspecify.annotations.Nullable;

/**
 * Something about the file's header worth telling the person importing it, which does not stop the
 * import.
 *
 * @param column the column it is about (its name in a {@code fieldMapping}), or absent for the whole header
 * @param message for that person to read
 */
public record CsvWarning(@Nullable String column, String message) {}
