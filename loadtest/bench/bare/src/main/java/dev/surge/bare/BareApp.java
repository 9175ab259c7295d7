package dev.surge.bare;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The least work each of Surge's hot paths could do, on the same stack (Spring Boot WebFlux on Reactor
 * Netty, Lettuce, R2DBC PostgreSQL) without anything of Surge's platform: no security, no web filters, no
 * observation. {@code loadtest/bench/ratio.sh} measures Surge's paths against these in the same run. The write
 * paths' counterparts (checkout, webhook delivery) are in {@link BareWrites}, for {@code loadtest/bench/writes.sh}.
 */
@SpringBootApplication
public class BareApp {

    /** A sold-out claim: the same shape of script as a flash-sale attempt (check, take, record the holder). */
    private static final RedisScript<Long> CLAIM = RedisScript.of("""
            local left = tonumber(redis.call('GET', KEYS[1]) or '0')
            if left < tonumber(ARGV[1]) then return 0 end
            redis.call('DECRBY', KEYS[1], ARGV[1])
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
            return 1""", Long.class);

    public static void main(String[] args) {
        SpringApplication.run(BareApp.class, args);
    }

    record Status(String status) {
    }

    record Row(long id, String name, long priceMinor) {
    }

    @Bean
    RouterFunction<ServerResponse> bareRoutes(ReactiveStringRedisTemplate redis, DatabaseClient db) {
        Status ok = new Status("ok");
        return RouterFunctions.route()
                .GET("/ping", request -> json(ok))
                .GET("/redis", request -> redis.opsForValue().get("bare:product")
                        .flatMap(value -> json(Map.of("value", value)))
                        .switchIfEmpty(ServerResponse.notFound().build()))
                .POST("/reserve", request -> redis.execute(CLAIM, List.of("bare:{sale}:left", "bare:{sale}:holders"),
                                List.of("1", UUID.randomUUID().toString())).next()
                        .flatMap(granted -> granted == 1 ? json(Map.of("reserved", true))
                                : ServerResponse.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue(Map.of("code", "sold_out"))))
                .GET("/pg", request -> db.sql("SELECT id, name, price_minor FROM product WHERE id = $1")
                        .bind(0, 1L + ThreadLocalRandom.current().nextInt(10_000))
                        .map((row, meta) -> new Row(row.get("id", Long.class), row.get("name", String.class),
                                row.get("price_minor", Long.class)))
                        .one()
                        .flatMap(BareApp::json)
                        .switchIfEmpty(ServerResponse.notFound().build()))
                .build();
    }

    private static Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
