package io.leadsuite.common.web;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a keyset-paginated collection. Pass {@code nextCursor} back as {@code cursor} for the
 * next page; it is absent on the last one. Pages stay stable while new items are inserted.
 */
public record CursorPage<T>(List<T> items, @Nullable String nextCursor) {

    public <R> CursorPage<R> map(Function<? super T, ? extends R> mapper) {
        return new CursorPage<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }
}
