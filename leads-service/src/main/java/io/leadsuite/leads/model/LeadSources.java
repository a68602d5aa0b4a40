package io.leadsuite.leads.model;

import java.util.List;

/** Where a lead came from: its {@code source}. */
public final class LeadSources {

    public static final String CSV = "csv";
    public static final String GOOGLE_SHEETS = "google_sheets";
    public static final String SALESFORCE = "salesforce";
    public static final String HUBSPOT = "hubspot";
    public static final String MANUAL = "manual";

    public static final List<String> ALL = List.of(CSV, GOOGLE_SHEETS, SALESFORCE, HUBSPOT, MANUAL);

    private LeadSources() {}
}
