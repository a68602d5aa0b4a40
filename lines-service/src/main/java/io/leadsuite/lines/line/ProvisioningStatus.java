package io.leadsuite.lines.line;

/**
 * Where a line is in its provisioning. The constants are named as they are stored and sent (lower
 * case), so MongoDB's and Jackson's default enum mapping keep the {@code provisioningStatus} values of
 * documents, API answers and events.
 */
public enum ProvisioningStatus {
    provisioning,
    active,
    failed
}
