package io.leadsuite.lines.line;

import io.leadsuite.common.security.Tenant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Change a line's profile and daily limits by a JSON Merge Patch. */
record UpdateLine(Tenant tenant, String lineId, Map<String, @Nullable Object> patch) {}
