package io.leadsuite.lines.line;

/**
 * Which plan slot a line holds. The constants are named as they are stored and sent (lower case), so
 * MongoDB's and Jackson's default enum mapping keep the {@code billingType} values of documents, API
 * answers and events.
 */
public enum BillingType {
    free,
    paid
}
