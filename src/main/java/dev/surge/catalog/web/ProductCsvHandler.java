package dev.surge.catalog.web;

import dev.surge.catalog.domain.MerchantNotFound;
import dev.surge.catalog.domain.ProductImportService;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.PathIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/** A merchant's catalog as CSV over HTTP: the import streams the body in, the export streams it out. */
@Component
class ProductCsvHandler {

    static final MediaType CSV = new MediaType("text", "csv");

    private final ProductImportService csv;
    private final RequestOrigins origins;

    ProductCsvHandler(ProductImportService csv, RequestOrigins origins) {
        this.csv = csv;
        this.origins = origins;
    }

    Mono<ServerResponse> importCsv(ServerRequest request) {
        UUID merchantId = merchantId(request);
        MediaType type = request.headers().contentType().orElse(null);
        if (type == null || !CSV.isCompatibleWith(type)) {
            return Mono.error(new UnsupportedMediaTypeStatusException(type, List.of(CSV)));
        }
        return Principals.current()
                .flatMap(caller -> csv.importCsv(caller, merchantId, request.body(BodyExtractors.toDataBuffers()),
                        origins.of(request)))
                .flatMap(summary -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(summary));
    }

    Mono<ServerResponse> exportCsv(ServerRequest request) {
        UUID merchantId = merchantId(request);
        return Principals.current()
                .flatMap(caller -> csv.exportCsv(caller, merchantId))
                .flatMap(body -> ServerResponse.ok()
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"products-" + merchantId + ".csv\"")
                        .cacheControl(CacheControl.noStore())
                        .body(body, DataBuffer.class));
    }

    private static UUID merchantId(ServerRequest request) {
        return PathIds.required(request, "merchantId", MerchantNotFound::new);
    }
}
