package dev.surge.catalog.web;

import dev.surge.catalog.domain.CatalogCaches;
import dev.surge.platform.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves first pages of the public product lists ({@code /products}, {@code /search} and
 * {@code /products/featured} without a cursor) and the category tree from Redis. An entry is the exact
 * answer the handler gave (body, {@code ETag}, {@code Cache-Control}), keyed by path and sorted query,
 * under the current generation of {@link CatalogCaches}: every catalog change starts a new generation, so
 * the next read after a change is computed afresh. Only 200 answers are kept; an {@code If-None-Match}
 * that still matches gets 304 without the database or the handler.
 * <p>
 * A filter and not a service cache, because it keeps the bytes: the {@code ETag} of a cached page is
 * the one the handler computed, and nothing is serialised twice.
 */
@Component
class PublicListCacheFilter implements WebFilter {

    private static final List<String> LISTS = List.of("/api/v1/products", "/api/v1/search", "/api/v1/products/featured");
    private static final String TREE = "/api/v1/categories";

    private final CatalogCaches caches;

    PublicListCacheFilter(CatalogCaches caches) {
        this.caches = caches;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        boolean tree = path.equals(TREE);
        if (!HttpMethod.GET.equals(exchange.getRequest().getMethod()) || !(tree || LISTS.contains(path))
                || query.containsKey("cursor")) {
            return chain.filter(exchange);
        }
        String key = key(path, query);
        return caches.generation(tree).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(generation -> generation.isEmpty() ? chain.filter(exchange)
                        : caches.cached(tree, generation.get(), key).map(Optional::of).defaultIfEmpty(Optional.empty())
                                .flatMap(hit -> hit.isPresent() ? serve(exchange, Entry.parse(hit.get()))
                                        : chain.filter(exchange.mutate()
                                                .response(capturing(exchange.getResponse(), tree, generation.get(), key))
                                                .build())));
    }

    private static Mono<Void> serve(ServerWebExchange exchange, Entry entry) {
        ServerHttpResponse response = exchange.getResponse();
        if (entry.cacheControl() != null) {
            response.getHeaders().setCacheControl(entry.cacheControl());
        }
        response.getHeaders().setETag(entry.etag());
        if (exchange.checkNotModified(entry.etag())) {
            return response.setComplete();
        }
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = entry.body().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    /** Passes the handler's answer through and, when it is a 200 with an ETag, keeps a copy. */
    private ServerHttpResponseDecorator capturing(ServerHttpResponse response, boolean tree, String generation, String key) {
        return new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                String etag = getHeaders().getETag();
                if (!HttpStatus.OK.equals(getStatusCode()) || etag == null) {
                    return super.writeWith(body);
                }
                return DataBufferUtils.join(body).flatMap(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    Entry entry = new Entry(etag, getHeaders().getCacheControl(), new String(bytes, StandardCharsets.UTF_8));
                    return super.writeWith(Mono.just(bufferFactory().wrap(bytes)))
                            .then(caches.store(tree, generation, key, entry.format()));
                });
            }
        };
    }

    private static String key(String path, MultiValueMap<String, String> query) {
        StringBuilder canonical = new StringBuilder(path);
        for (Map.Entry<String, List<String>> param : new TreeMap<>(query).entrySet()) {
            canonical.append('&').append(param.getKey()).append('=').append(String.join("\u0000", param.getValue()));
        }
        return HexFormat.of().formatHex(Sha256.of(canonical.toString()), 0, 16);
    }

    /** A kept answer: {@code etag \n cache-control \n body}. */
    private record Entry(String etag, String cacheControl, String body) {

        String format() {
            return etag + "\n" + (cacheControl == null ? "" : cacheControl) + "\n" + body;
        }

        static Entry parse(String text) {
            int first = text.indexOf('\n');
            int second = text.indexOf('\n', first + 1);
            String cacheControl = text.substring(first + 1, second);
            return new Entry(text.substring(0, first), cacheControl.isEmpty() ? null : cacheControl,
                    text.substring(second + 1));
        }
    }
}
