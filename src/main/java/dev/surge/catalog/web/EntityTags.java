package dev.surge.catalog.web;

import dev.surge.catalog.domain.CatalogErrors;
import dev.surge.catalog.domain.IfMatch;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Product versions as HTTP entity tags: the {@code ETag} of a managed product is its version in quotes
 * ({@code "7"}), and writes must send one back in {@code If-Match}. No {@code If-Match} is 428
 * (RFC 6585), so a client cannot overwrite changes it never saw by leaving it out; {@code *} explicitly
 * opts out. Weak tags never match (If-Match compares strongly); unparsable tags just do not match (412).
 */
final class EntityTags {

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    static IfMatch ifMatch(ServerRequest request) {
        List<String> headers = request.headers().header(HttpHeaders.IF_MATCH);
        if (headers.isEmpty() || headers.stream().allMatch(String::isBlank)) {
            throw new CatalogErrors.IfMatchRequired();
        }
        Set<Long> versions = new HashSet<>();
        for (String header : headers) {
            for (String tag : header.split(",")) {
                String t = tag.trim();
                if (t.equals("*")) {
                    return IfMatch.anyVersion();
                }
                if (t.length() > 2 && t.startsWith("\"") && t.endsWith("\"")) {
                    try {
                        versions.add(Long.parseLong(t.substring(1, t.length() - 1)));
                    } catch (NumberFormatException e) {
                        // not one of ours: cannot match
                    }
                }
            }
        }
        return new IfMatch(Set.copyOf(versions), false);
    }
}
