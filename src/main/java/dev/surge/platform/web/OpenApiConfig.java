package dev.surge.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description's header; the operations come from each module's router. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI surgeOpenApi() {
        return new OpenAPI().info(new Info().title("Surge API").version("v1")
                .description("Storefront and back-office API of Surge. Errors are application/problem+json "
                        + "with a stable code and the request id."));
    }
}
