package dev.surge.platform.security;

import java.time.Duration;
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Publishes the public keys of our access tokens, so any client can verify them on its own. */
@Configuration(proxyBeanMethods = false)
class JwksRouter {

    @Bean
    RouterFunction<ServerResponse> jwksRoutes(JwtKeys keys, JsonMapper json) {
        // The key set is fixed for the life of the process: serialised once, not per request.
        byte[] document = json.writeValueAsBytes(keys.publicJwkSet());
        CacheControl cacheControl = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();
        return SpringdocRouteBuilder.route()
                .GET("/.well-known/jwks.json", request -> ServerResponse.ok()
                                .cacheControl(cacheControl)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(document),
                        ops -> ops.operationId("getJwks").tag("Auth").summary("Public keys (JWK set) of our access tokens")
                                .response(org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder()
                                        .responseCode("200").description("JWK set")))
                .build();
    }
}
