package dev.surge.platform.web;

import java.util.List;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/** How requests pass the web filters: see {@link FilterSequence}. */
@Configuration(proxyBeanMethods = false)
class FilterChainConfig {

    /** The application's web filters (already in their order) run as one {@link FilterSequence}. */
    @Bean
    WebHttpHandlerBuilderCustomizer filtersInOneSequence() {
        return builder -> builder.filters(filters -> {
            if (filters.size() > 1) {
                WebFilter all = FilterSequence.asOne(List.copyOf(filters));
                filters.clear();
                filters.add(all);
            }
        });
    }
}
