package dev.surge.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a cursor-paginated list. {@code nextCursor} is null on the last page; otherwise pass it
 * back unchanged as {@code ?cursor=} to get the next page.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }
}
