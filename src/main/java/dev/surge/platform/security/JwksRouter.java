package dev.surge.platform.security;

import java.time.Duration;
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Publishes the public keys of our access tokens, so any client can verify them on its own. */
@Configuration(proxyBeanMethods = false)
class JwksRouter {

    @Bean
    RouterFunction<ServerResponse> jwksRoutes(JwtKeys keys) {
        return SpringdocRouteBuilder.route()
                .GET("/.well-known/jwks.json", request -> ServerResponse.ok()
                                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                                .bodyValue(keys.publicJwkSet()),
                        ops -> ops.operationId("getJwks").tag("Auth").summary("Public keys (JWK set) of our access tokens")
                                .response(org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder()
                                        .responseCode("200").description("JWK set")))
                .build();
    }
}
