package io.leadsuite.imports.hubspot;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of contacts, in ascending id order.
 *
 * @param next the cursor of the next page ({@code paging.next.after}); {@code null} on the last
 * @param total for a search, how many contacts match in all
 */
public record ContactPage(List<Contact> contacts, @Nullable String next, long total) {}
