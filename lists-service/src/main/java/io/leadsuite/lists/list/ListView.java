package io.leadsuite.lists.list;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A list as its owner sees it; {@code leadCount} follows lead changes within moments. */
record ListView(
        String id,
        String name,
        @Nullable String description,
        long leadCount,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    static ListView of(ListDocument list) {
        return new ListView(
                list.id().toHexString(),
                list.name(),
                list.description(),
                list.leadCount(),
                list.createdAt(),
                list.updatedAt(),
                list.version());
    }
}
