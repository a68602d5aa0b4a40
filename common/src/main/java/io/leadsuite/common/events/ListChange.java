package io.leadsuite.common.events;

import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of every event on {@link Topics#LIST_CHANGES}.
 *
 * @param listId the list (also the record key)
 * @param name its name after the change; absent for {@code ListDeleted}
 * @param deleteLeads for {@code ListDeleted}: {@code true} when the caller asked to delete the list's
 *     leads too, {@code false} to keep them outside any list
 */
public record ListChange(
        String listId, @Nullable String name, @Nullable Boolean deleteLeads) {

    public static final String CREATED = "ListCreated";
    public static final String UPDATED = "ListUpdated";
    public static final String DELETED = "ListDeleted";
}
