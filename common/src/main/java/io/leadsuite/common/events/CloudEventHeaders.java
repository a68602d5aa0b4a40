package io.leadsuite.common.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudEvents 1.0 Kafka protocol binding attributes ({@code ce_*} headers) for an envelope, so that
 * consumers can filter and route without reading the payload.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";

    private CloudEventHeaders() {}

    public static Map<String, Object> of(String id, String type, String source, String time, String subject) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put(ID, id);
        headers.put(TYPE, "io.leadsuite." + type);
        headers.put("ce_source", "/" + source);
        headers.put("ce_time", time);
        headers.put("ce_subject", subject);
        headers.put("content-type", "application/json");
        return headers;
    }
}
