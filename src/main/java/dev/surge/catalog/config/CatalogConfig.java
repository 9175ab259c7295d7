package dev.surge.catalog.config;

import dev.surge.catalog.ProductChanged;
import dev.surge.platform.events.EventTopic;
import dev.surge.platform.web.RouteBodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
class CatalogConfig {

    /** The CSV import route (see {@code CatalogManagementRouter}); its bodies may be up to {@code import-max-size}. */
    private static final String IMPORT_PATH = "/api/v1/merchants/{merchantId}/products/import";

    @Bean
    EventTopic catalogTopic() {
        return new EventTopic(ProductChanged.TOPIC);
    }

    @Bean
    RouteBodyLimit productImportBodyLimit(CatalogProperties properties) {
        return new RouteBodyLimit(HttpMethod.POST, IMPORT_PATH, properties.importMaxSize());
    }
}
