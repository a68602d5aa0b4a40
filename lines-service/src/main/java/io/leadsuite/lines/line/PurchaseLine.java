package io.leadsuite.lines.line;

import io.leadsuite.common.security.Tenant;
import org.jspecify.annotations.Nullable;

/** Buy a line with this profile, optionally under an {@code Idempotency-Key}. */
record PurchaseLine(Tenant tenant, NewLine line, @Nullable String idempotencyKey) {}
