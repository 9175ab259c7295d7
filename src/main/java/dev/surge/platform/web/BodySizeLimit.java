package dev.surge.platform.web;

import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

/**
 * A route whose request bodies may be larger than {@code surge.web.max-body-size}, such as a file
 * upload. Declare one as a bean in the module that owns the route; {@link BodySizeLimitFilter} applies
 * the first whose method and path pattern ({@code /api/v1/merchants/*}{@code /products/import}) match.
 */
public record BodySizeLimit(HttpMethod method, String pathPattern, DataSize maxSize) {
}
