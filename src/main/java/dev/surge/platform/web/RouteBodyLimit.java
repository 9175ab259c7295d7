package dev.surge.platform.web;

import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

/**
 * A route whose request bodies have their own size limit instead of {@code surge.web.max-body-size}, e.g.
 * an upload endpoint. Declare one as a bean; {@code BodySizeLimitFilter} applies the first that matches.
 *
 * @param method      the route's method
 * @param pathPattern a Spring path pattern, e.g. {@code /api/v1/products/{id}/images}
 * @param maxSize     the largest body the route accepts; larger ones get 413 before anything reads them
 */
public record RouteBodyLimit(HttpMethod method, String pathPattern, DataSize maxSize) {
}
