package io.socon.messaging.impl.node;

import io.socon.messaging.impl.store.PageRequest;
import io.socon.messaging.impl.wire.mls.api.v1.PagingInfo;
import io.socon.messaging.impl.wire.mls.api.v1.SortDirection;

/**
 * XMTP's paging rules: descending unless ascending is asked for; a limit of 0 or over 100 means 100; the
 * cursor is exclusive; the answer echoes direction and limit and carries the last id as the next cursor
 * only when the page is full.
 */
final class Paging {

    static final int MAX_PAGE = 100;

    private Paging() {
    }

    static PageRequest request(PagingInfo paging) {
        boolean ascending = paging.getDirection() == SortDirection.SORT_DIRECTION_ASCENDING;
        return new PageRequest(ascending, paging.getIdCursor(), limit(paging.getLimit()));
    }

    static int limit(int requested) {
        return requested <= 0 || requested > MAX_PAGE ? MAX_PAGE : requested;
    }

    static PagingInfo response(PageRequest request, int returned, long lastId) {
        return PagingInfo.newBuilder()
                .setDirection(request.ascending() ? SortDirection.SORT_DIRECTION_ASCENDING
                        : SortDirection.SORT_DIRECTION_DESCENDING)
                .setLimit(request.limit())
                .setIdCursor(returned == request.limit() ? lastId : 0)
                .build();
    }
}
