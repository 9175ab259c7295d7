package dev.surge.catalog.domain;

import java.util.List;

/**
 * One attribute of an attribute filter: a variant matches when its {@code key} attribute is one of
 * {@code values} (exact, case-sensitive, as the facets list them). A product matches a set of these
 * when one of its variants matches all of them.
 */
public record AttributeFilter(String key, List<String> values) {

    public AttributeFilter {
        values = List.copyOf(values);
    }
}
