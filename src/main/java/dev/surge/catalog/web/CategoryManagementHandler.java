package dev.surge.catalog.web;

import dev.surge.catalog.domain.CategoryForm;
import dev.surge.catalog.domain.CategoryManagementService;
import dev.surge.catalog.domain.CategoryNotFound;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.PathIds;
import dev.surge.platform.web.RequestBodies;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The category tree over HTTP (admins): parses, delegates, maps. */
@Component
class CategoryManagementHandler {

    private static final Set<String> CATEGORY_FIELDS = Set.of("name", "slug", "parentId", "position");

    private final CategoryManagementService categories;
    private final RequestBodies bodies;
    private final RequestOrigins origins;
    private final MergePatch mergePatch;

    CategoryManagementHandler(CategoryManagementService categories, RequestBodies bodies, RequestOrigins origins,
            MergePatch mergePatch) {
        this.categories = categories;
        this.bodies = bodies;
        this.origins = origins;
        this.mergePatch = mergePatch;
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> bodies.read(request, CategoryForm.class)
                        .flatMap(form -> categories.create(caller, form, origins.of(request))))
                .flatMap(category -> ServerResponse.status(HttpStatus.CREATED).bodyValue(category));
    }

    Mono<ServerResponse> update(ServerRequest request) {
        UUID categoryId = categoryId(request);
        return Principals.current()
                .flatMap(caller -> mergePatch.read(request)
                        .flatMap(patch -> categories.update(caller, categoryId,
                                current -> mergePatch.apply(current, patch, CategoryForm.class, CATEGORY_FIELDS),
                                origins.of(request))))
                .flatMap(category -> ServerResponse.ok().bodyValue(category));
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        UUID categoryId = categoryId(request);
        return Principals.current()
                .flatMap(caller -> categories.delete(caller, categoryId, origins.of(request)))
                .then(ServerResponse.noContent().build());
    }

    private static UUID categoryId(ServerRequest request) {
        return PathIds.required(request, "categoryId", CategoryNotFound::new);
    }
}
