package io.socon.messaging.impl.messaging;

import java.util.List;

/** How pages whose bounds are exclusive times avoid losing items that share a time. */
final class Paging {

    private Paging() {
    }

    /**
     * The size of a page cut from {@code times} (the page's items and at least one more, in query order) so that
     * the last item kept has another time than the first item left out: the next page, bounded by that time
     * (exclusive), then starts with all the items of the next time. If every item of the page has the same time as
     * the first one left out, nothing better is possible and the full {@code limit} is kept.
     */
    static int endBetweenTimes(List<Long> times, int limit) {
        long following = times.get(limit);
        int size = limit;
        while (size > 0 && times.get(size - 1) == following) {
            size--;
        }
        return size == 0 ? limit : size;
    }
}
