package dev.surge.platform.security;

import dev.surge.platform.web.JsonResponse;
import java.time.Duration;
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Publishes the public keys of our access tokens, so any client can verify them on its own. */
@Configuration(proxyBeanMethods = false)
class JwksRouter {

    @Bean
    RouterFunction<ServerResponse> jwksRoutes(JwtKeys keys, JsonMapper json) {
        // The key set is fixed for the life of the process: serialised once, not per request.
        byte[] document = json.writeValueAsBytes(keys.publicJwkSet());
        String cacheControl = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic().getHeaderValue();
        return SpringdocRouteBuilder.route()
                .GET("/.well-known/jwks.json", request -> Mono.just(JsonResponse.ofJson(HttpStatus.OK, document)
                                .header(HttpHeaders.CACHE_CONTROL, cacheControl)),
                        ops -> ops.operationId("getJwks").tag("Auth").summary("Public keys (JWK set) of our access tokens")
                                .response(org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder()
                                        .responseCode("200").description("JWK set")))
                .build();
    }
}
