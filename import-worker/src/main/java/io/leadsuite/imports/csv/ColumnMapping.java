package io.leadsuite.imports.csv;

/**
 * One column of the header and where its values go.
 *
 * @param index the column's position, from 0
 * @param column the column's name: its header without surrounding spaces, with {@code " (2)"} and so on
 *     after a header that repeats an earlier one; empty for a column without a header. A {@code
 *     fieldMapping} names columns by it.
 * @param suggested where the header analysis would send it
 * @param confidence how sure that suggestion is
 * @param target where it goes: the suggestion, or what the {@code fieldMapping} says
 */
public record ColumnMapping(
        int index, String column, ColumnTarget suggested, Confidence confidence, ColumnTarget target) {}
