package dev.surge.catalog.domain;

import dev.surge.catalog.data.ProductWrites;
import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A merchant's products as its sellers and admins see them: any status, with stock counts and version. */
@Service
public class ManagedProductReads {

    /** Products read per round trip for the CSV export. */
    private static final int EXPORT_PAGE = 200;

    private final ProductAccess access;
    private final ProductWrites writes;
    private final Cursors cursors;

    ManagedProductReads(ProductAccess access, ProductWrites writes, Cursors cursors) {
        this.access = access;
        this.writes = writes;
        this.cursors = cursors;
    }

    public Mono<ManagedProduct> get(Principals caller, UUID merchantId, UUID productId) {
        return access.check(caller, merchantId)
                .then(writes.managed(productId, merchantId))
                .switchIfEmpty(Mono.error(ProductNotFound::new));
    }

    /** The merchant's products of any (or one) status, newest first, by cursor. */
    public Mono<Page<ManagedProduct>> list(Principals caller, UUID merchantId, ProductStatus status, int limit,
            String cursor) {
        String scope = "managed:" + merchantId + ":" + status;
        UUID after = cursor == null ? null : afterId(cursors.decode(cursor, scope));
        return access.check(caller, merchantId)
                .thenMany(writes.managedPage(merchantId, status, after, limit + 1))
                .collectList()
                .map(rows -> rows.size() <= limit ? new Page<>(rows, null)
                        : new Page<>(rows.subList(0, limit),
                                cursors.encode(scope, List.of(rows.get(limit - 1).id().toString()))));
    }

    /** Every product of the merchant, newest first, read page by page (for the CSV export). */
    public Flux<ManagedProduct> all(Principals caller, UUID merchantId) {
        return access.check(caller, merchantId).thenMany(Flux.defer(() -> writes.managedPage(merchantId, null, null,
                        EXPORT_PAGE)
                .collectList()
                .expand(rows -> rows.size() < EXPORT_PAGE ? Mono.empty()
                        : writes.managedPage(merchantId, null, rows.get(rows.size() - 1).id(), EXPORT_PAGE).collectList())
                .concatMapIterable(rows -> rows)));
    }

    private static UUID afterId(List<String> keys) {
        UUID id = keys.size() == 1 ? Ids.parseOrNull(keys.get(0)) : null;
        if (id == null) {
            throw new CatalogErrors.InvalidCursor();
        }
        return id;
    }
}
