package io.leadsuite.leads.model;

/** Who made a change, as the audit trail and the events name it. */
public record Actor(String id) {

    public static Actor user(String userId) {
        return new Actor("user:" + userId);
    }

    public static Actor importJob(String jobId) {
        return new Actor("import:" + jobId);
    }

    public static Actor system(String reason) {
        return new Actor("system:" + reason);
    }
}
