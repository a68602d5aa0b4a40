package io.leadsuite.imports.job;

/**
 * What a row that matches an existing lead (by email or a CRM id), or an earlier row of the same file,
 * does: {@code skip} counts it as skipped and changes nothing; {@code update} merges the row's non-empty
 * mapped fields into that lead.
 */
public enum DuplicatePolicy {
    skip,
    update
}
