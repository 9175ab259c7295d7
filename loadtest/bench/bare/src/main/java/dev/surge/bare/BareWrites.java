package dev.surge.bare;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bare counterparts of Surge's two write paths, for {@code loadtest/bench/writes.sh}: the statements a
 * checkout and a webhook delivery write, on the same stack, with nothing else (no security, no rate limits,
 * no idempotency store, no pricing or catalog reads, no Redis stock gate, no observation).
 *
 * <ul>
 *   <li>{@code POST /checkout}: reads the checkout body ({@code lines}, {@code shippingAddress}) and the
 *       {@code Idempotency-Key}, then in one transaction the writes of a Surge checkout of one line: the
 *       reservation and its line, the order (unique idempotency key), its line, its link to the reservation,
 *       its first history entry, an outbox row for the order placed, then the conditional stock {@code UPDATE
 *       ... RETURNING} (409 when too few are available, and nothing is kept) and an outbox row for the new
 *       level: one {@code UPDATE} and eight {@code INSERT}s. The stock row comes last so that its lock is held
 *       for two statements and the commit (every checkout of the benchmark buys the same variant). Answers 201
 *       with the order's id, number and status (409 for a key used before). Surge writes the same rows in two
 *       transactions (the reservation's, stock row first, then the order's).
 *   <li>{@code POST /webhook}: checks {@code Surge-Sandbox-Signature} ({@code t=<unix seconds>,v1=<hex
 *       HMAC-SHA256 of "t.body">}, within five minutes, as Surge's sandbox signs) against the raw body, reads
 *       the event's {@code id}, and stores it with one {@code INSERT ... ON CONFLICT DO NOTHING}; answers 200
 *       {@code {"duplicate": false}} for a new event, {@code true} for a redelivery, 400 for a bad signature.
 * </ul>
 *
 * The tables are in {@code surge_bare}; {@code writes.sh} creates them and the stock row of the variant it buys.
 */
@Configuration
class BareWrites {

    static final String SIGNATURE_HEADER = "Surge-Sandbox-Signature";
    private static final long TOLERANCE_SECONDS = 300;

    record Line(UUID variantId, int quantity) {
    }

    record CheckoutBody(List<Line> lines, Map<String, Object> shippingAddress) {
    }

    record Placed(UUID id, String number, String status) {
    }

    record Delivery(boolean duplicate) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final JsonMapper json;
    private final byte[] secret;
    private final ThreadLocal<Mac> macs;

    BareWrites(DatabaseClient db, ConnectionFactory connections, JsonMapper json,
            @Value("${bare.webhook-secret}") String secret) {
        this.db = db;
        this.tx = TransactionalOperator.create(new R2dbcTransactionManager(connections));
        this.json = json;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    @Bean
    RouterFunction<ServerResponse> bareWriteRoutes() {
        return RouterFunctions.route()
                .POST("/checkout", this::checkout)
                .POST("/webhook", this::webhook)
                .build();
    }

    Mono<ServerResponse> checkout(ServerRequest request) {
        String key = request.headers().firstHeader("Idempotency-Key");
        return request.bodyToMono(CheckoutBody.class).flatMap(body -> {
            if (key == null || body.lines() == null || body.lines().size() != 1 || body.shippingAddress() == null) {
                return ServerResponse.badRequest().build();
            }
            Line line = body.lines().get(0);
            UUID reservation = UUID.randomUUID();
            UUID order = UUID.randomUUID();
            String number = "B" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
            // The stock row last: its lock is held from the UPDATE to the commit only (all checkouts buy one variant).
            Mono<Void> writes = db.sql("INSERT INTO bare_reservation (id, owner, expires_at) VALUES ($1, $2, now() + interval '30 minutes')")
                    .bind(0, reservation).bind(1, "order:" + order).then()
                    .then(db.sql("INSERT INTO bare_reservation_line (reservation_id, variant_id, quantity) VALUES ($1, $2, $3)")
                            .bind(0, reservation).bind(1, line.variantId()).bind(2, line.quantity()).then())
                    .then(db.sql("""
                                    INSERT INTO bare_order (id, number, idempotency_key, status, total_minor, currency,
                                        shipping_address) VALUES ($1, $2, $3, 'PENDING_PAYMENT', 1999, 'USD', $4)""")
                            .bind(0, order).bind(1, number).bind(2, key)
                            .bind(3, Json.of(json.writeValueAsString(body.shippingAddress()))).then())
                    .then(db.sql("INSERT INTO bare_order_line (order_id, line_no, variant_id, quantity, unit_minor) VALUES ($1, 1, $2, $3, 1999)")
                            .bind(0, order).bind(1, line.variantId()).bind(2, line.quantity()).then())
                    .then(db.sql("INSERT INTO bare_order_reservation (reservation_id, order_id) VALUES ($1, $2)")
                            .bind(0, reservation).bind(1, order).then())
                    .then(db.sql("INSERT INTO bare_order_history (id, order_id, to_status, reason) VALUES ($1, $2, 'PENDING_PAYMENT', 'checkout')")
                            .bind(0, UUID.randomUUID()).bind(1, order).then())
                    .then(outbox("order.placed", order, Map.of("orderId", order, "number", number, "lines", body.lines())))
                    .then(db.sql("""
                                    UPDATE bare_stock SET reserved = reserved + $2, version = version + 1
                                    WHERE variant_id = $1 AND on_hand - reserved >= $2
                                    RETURNING on_hand, reserved, version""")
                            .bind(0, line.variantId()).bind(1, line.quantity())
                            .map((row, meta) -> Map.of("variantId", line.variantId(), "onHand", row.get("on_hand", Long.class),
                                    "reserved", row.get("reserved", Long.class), "version", row.get("version", Long.class)))
                            .one())
                    .switchIfEmpty(Mono.error(OutOfStock::new))
                    .flatMap(level -> outbox("stock.level-changed", line.variantId(), level));
            return writes.as(tx::transactional)
                    .then(ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(new Placed(order, number, "PENDING_PAYMENT")))
                    .onErrorResume(OutOfStock.class, e -> ServerResponse.status(HttpStatus.CONFLICT).build())
                    // a key used before (Surge would answer its order; writes.sh never repeats one)
                    .onErrorResume(DuplicateKeyException.class, e -> ServerResponse.status(HttpStatus.CONFLICT).build());
        });
    }

    private Mono<Void> outbox(String type, UUID key, Object payload) {
        return db.sql("INSERT INTO bare_outbox (id, event_type, event_key, payload) VALUES ($1, $2, $3, $4)")
                .bind(0, UUID.randomUUID()).bind(1, type).bind(2, key.toString())
                .bind(3, Json.of(json.writeValueAsString(payload)))
                .then();
    }

    Mono<ServerResponse> webhook(ServerRequest request) {
        String signature = request.headers().firstHeader(SIGNATURE_HEADER);
        return request.bodyToMono(String.class).flatMap(body -> {
            if (!verified(signature, body)) {
                return ServerResponse.badRequest().build();
            }
            JsonNode event = json.readTree(body);
            return db.sql("INSERT INTO bare_webhook_event (event_id, type, body) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING")
                    .bind(0, event.path("id").asString()).bind(1, event.path("type").asString()).bind(2, Json.of(body))
                    .fetch().rowsUpdated()
                    .flatMap(inserted -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(new Delivery(inserted == 0)));
        });
    }

    /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}, t within {@value #TOLERANCE_SECONDS} s of now. */
    private boolean verified(String header, String body) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        try {
            if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > TOLERANCE_SECONDS) {
                return false;
            }
            byte[] expected = macs.get().doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class OutOfStock extends RuntimeException {
        OutOfStock() {
            super(null, null, false, false);
        }
    }
}
