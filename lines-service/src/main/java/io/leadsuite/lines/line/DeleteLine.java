package io.leadsuite.lines.line;

import io.leadsuite.common.security.Tenant;

/** Delete a line and give its slot back. */
record DeleteLine(Tenant tenant, String lineId) {}
