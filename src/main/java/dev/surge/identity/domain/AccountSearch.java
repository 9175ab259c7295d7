package dev.surge.identity.domain;

import dev.surge.identity.data.AdminQueries;
import dev.surge.identity.data.AdminQueries.AdminUserRow;
import dev.surge.identity.data.AdminQueries.UserFilter;
import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The back office's account list: newest first, filtered, in pages behind signed cursors. */
@Service
public class AccountSearch {

    private final AdminQueries admin;
    private final Cursors cursors;

    AccountSearch(AdminQueries admin, Cursors cursors) {
        this.admin = admin;
        this.cursors = cursors;
    }

    /**
     * Which accounts to list; null parts do not filter.
     *
     * @param query start of the email or any part of the name
     */
    public record Criteria(String query, Role role, String status, UUID merchantId) {
    }

    /** One page of at most {@code limit} accounts, after the one {@code cursor} (if any) ended on. */
    public Mono<Page<AdminUserRow>> users(Criteria criteria, int limit, String cursor) {
        String scope = "users:" + criteria.query() + ":" + criteria.role() + ":" + criteria.status() + ":"
                + criteria.merchantId();
        UUID after = cursor == null ? null : UUID.fromString(cursors.decode(cursor, scope).get(0));
        UserFilter filter = new UserFilter(criteria.query(), criteria.role() == null ? null : criteria.role().name(),
                criteria.status(), criteria.merchantId());
        return admin.users(filter, after, limit + 1).collectList()
                .map(rows -> rows.size() <= limit ? new Page<>(rows, null)
                        : new Page<>(rows.subList(0, limit), cursors.encode(scope, List.of(rows.get(limit - 1).id().toString()))));
    }
}
