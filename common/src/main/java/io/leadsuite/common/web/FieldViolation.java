package io.leadsuite.common.web;

/**
 * One rejected input in a problem+json answer, listed under {@code errors}.
 *
 * @param field the JSON path of the input (for example {@code email} or {@code customFields.Company
 *     Size})
 * @param message why it was rejected, for a person to read
 */
public record FieldViolation(String field, String message) {}
