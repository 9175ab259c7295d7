package dev.surge.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import reactor.core.publisher.Mono;

/** Our bearer token reader answers exactly as Spring Security's default converter, header by header. */
class BearerTokensTests {

    private final ServerAuthenticationConverter ours = new BearerTokens();
    private final ServerAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def-ghi_jkl~mno+pqr/stu", "bearer abc", "BEARER abc==", "Bearer a=",
            "Bearer abc=def", "Bearer  abc", "Bearer abc ", "Bearer ", "Bearer", "Bearerabc", "Basic dXNlcjpwYXNz",
            "Bearer ab\u00e9c", "Bearer abc\tdef", "Bearer ===", "Token abc", "bearer", "Bearer a.b.c"})
    void answersAsSpringSecuritysConverter(String header) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/v1/cart").header(HttpHeaders.AUTHORIZATION, header));
        assertThat(outcome(ours.convert(exchange))).isEqualTo(outcome(spring.convert(exchange)));
    }

    @ParameterizedTest
    @CsvSource({"Bearer abc.def, abc.def", "bearer x==, x=="})
    void readsTheToken(String header, String token) {
        assertThat(BearerTokens.token(header)).isEqualTo(token);
    }

    @org.junit.jupiter.api.Test
    void noHeaderIsAnAnonymousRequest() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/cart"));
        assertThat(outcome(ours.convert(exchange))).isEqualTo("empty").isEqualTo(outcome(spring.convert(exchange)));
    }

    private static String outcome(Mono<?> converted) {
        try {
            Object result = converted.block();
            return result == null ? "empty" : "token " + ((BearerTokenAuthenticationToken) result).getToken();
        } catch (OAuth2AuthenticationException e) {
            return "error " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }
}
