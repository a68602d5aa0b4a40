package io.leadsuite.imports.hubspot;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A HubSpot contact as the CRM API returns it: its id and the properties asked for (all strings). */
public record Contact(String id, Map<String, @Nullable String> properties) {}
