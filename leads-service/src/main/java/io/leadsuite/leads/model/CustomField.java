package io.leadsuite.leads.model;

import org.jspecify.annotations.Nullable;

/**
 * One custom field as stored: {@code customFields} is an array of these rather than a sub-document,
 * because names are kept exactly as the user gave them, and names with {@code .} or a leading
 * {@code $} cannot be MongoDB field names that queries can address (see docs/adr/0006).
 *
 * @param k the name, unchanged
 * @param v a string, a {@code Long} or {@code Double}, a {@code Boolean}, or a {@code Date}
 * @param t {@code "date"} or {@code "datetime"} for a date value (how to render it back); absent otherwise
 */
public record CustomField(String k, Object v, @Nullable String t) {}
