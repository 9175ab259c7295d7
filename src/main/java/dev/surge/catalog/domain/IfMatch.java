package dev.surge.catalog.domain;

import java.util.Set;

/**
 * The versions a conditional write was based on ({@code If-Match: "7"}), or any version ({@code *}).
 * The product's {@code ETag} is its version, so a match means nobody changed it since the caller read it.
 */
public record IfMatch(Set<Long> versions, boolean any) {

    public static IfMatch anyVersion() {
        return new IfMatch(Set.of(), true);
    }

    public static IfMatch version(long version) {
        return new IfMatch(Set.of(version), false);
    }

    boolean matches(long version) {
        return any || versions.contains(version);
    }
}
