package dev.surge.promotions.data;

import dev.surge.promotions.domain.Promotion;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL of the promotions themselves (redemptions: {@link RedemptionQueries}). */
@Repository
public class PromotionQueries {

    static final String COLUMNS = """
            id, merchant_id, name, code, kind, percent_off, amounts_off, scope, scope_ids, minimum_subtotal, starts_at,
            ends_at, per_customer_limit, redemption_cap, redeemed, combinable, active, version, created_at, updated_at""";

    private static final TypeReference<Map<String, Long>> AMOUNTS = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final JsonMapper json;

    PromotionQueries(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Promotion> insert(Promotion p, UUID createdBy) {
        return db.sql("""
                INSERT INTO promotions (id, merchant_id, name, code, kind, percent_off, amounts_off, scope, scope_ids,
                    minimum_subtotal, starts_at, ends_at, per_customer_limit, redemption_cap, combinable, created_by)
                VALUES (:id, :merchant, :name, :code, :kind, :percent, :amounts, :scope, :scopeIds, :minimum, :starts,
                    :ends, :perCustomer, :cap, :combinable, :createdBy)
                RETURNING""" + " " + COLUMNS)
                .bind("id", p.id())
                .bind("merchant", p.merchantId() == null ? Parameters.in(UUID.class) : p.merchantId())
                .bind("name", p.name())
                .bind("code", p.code() == null ? Parameters.in(String.class) : p.code())
                .bind("kind", p.kind().name())
                .bind("percent", p.percentOff() == null ? Parameters.in(Integer.class) : p.percentOff())
                .bind("amounts", json(p.amountsOff())).bind("scope", p.scope().name())
                .bind("scopeIds", p.scopeIds().toArray(UUID[]::new)).bind("minimum", json(p.minimumSubtotal()))
                .bind("starts", utc(p.startsAt()))
                .bind("ends", p.endsAt() == null ? Parameters.in(OffsetDateTime.class) : utc(p.endsAt()))
                .bind("perCustomer", p.perCustomerLimit() == null ? Parameters.in(Integer.class) : p.perCustomerLimit())
                .bind("cap", p.redemptionCap() == null ? Parameters.in(Integer.class) : p.redemptionCap())
                .bind("combinable", p.combinable())
                .bind("createdBy", createdBy)
                .map(this::promotion).one();
    }

    /**
     * Writes the changeable fields if the row is still active at {@code expectedVersion} and the cap holds the uses
     * made; empty otherwise.
     */
    public Mono<Promotion> update(Promotion p, long expectedVersion) {
        return db.sql("""
                UPDATE promotions SET name = :name, percent_off = :percent, amounts_off = :amounts,
                    minimum_subtotal = :minimum, starts_at = :starts, ends_at = :ends, per_customer_limit = :perCustomer,
                    redemption_cap = :cap, combinable = :combinable, version = version + 1, updated_at = now()
                WHERE id = :id AND version = :version AND active
                  AND (CAST(:cap AS int) IS NULL OR redeemed <= CAST(:cap AS int))
                RETURNING""" + " " + COLUMNS)
                .bind("id", p.id()).bind("version", expectedVersion).bind("name", p.name())
                .bind("percent", p.percentOff() == null ? Parameters.in(Integer.class) : p.percentOff())
                .bind("amounts", json(p.amountsOff())).bind("minimum", json(p.minimumSubtotal()))
                .bind("starts", utc(p.startsAt()))
                .bind("ends", p.endsAt() == null ? Parameters.in(OffsetDateTime.class) : utc(p.endsAt()))
                .bind("perCustomer", p.perCustomerLimit() == null ? Parameters.in(Integer.class) : p.perCustomerLimit())
                .bind("cap", p.redemptionCap() == null ? Parameters.in(Integer.class) : p.redemptionCap())
                .bind("combinable", p.combinable())
                .map(this::promotion).one();
    }

    /** Deactivates it; answers the row whether or not it was active already. */
    public Mono<Promotion> deactivate(UUID id) {
        return db.sql("UPDATE promotions SET active = false, version = version + CASE WHEN active THEN 1 ELSE 0 END, "
                        + "updated_at = now() WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id).map(this::promotion).one();
    }

    public Mono<Promotion> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM promotions WHERE id = :id").bind("id", id).map(this::promotion).one();
    }

    /** The live (active, not ended) promotion of a code, as PostgreSQL has it now. */
    public Mono<Promotion> liveByCode(String code) {
        return db.sql("SELECT " + COLUMNS + " FROM promotions WHERE code = :code AND active")
                .bind("code", code).map(this::promotion).one();
    }

    /**
     * Every active promotion, ended ones of the last 30 days included (so a cart can tell an expired code from an
     * unknown one): what an instance keeps in memory.
     */
    public Flux<Promotion> live() {
        return db.sql("SELECT " + COLUMNS + " FROM promotions WHERE active "
                        + "AND (ends_at IS NULL OR ends_at > now() - interval '30 days')")
                .map(this::promotion).all();
    }

    /**
     * In one statement, fresh (for checkout): the automatic promotions live now, and the active promotion of
     * {@code code} (null: none), whatever its window (the rules say why it does not apply).
     */
    public Flux<Promotion> candidates(String code) {
        return db.sql("SELECT " + COLUMNS + " FROM promotions WHERE active AND ((code IS NULL AND starts_at <= now() "
                        + "AND (ends_at IS NULL OR ends_at > now())) OR code = :code)")
                .bind("code", code == null ? Parameters.in(String.class) : code)
                .map(this::promotion).all();
    }

    /** A page of promotions, newest first; {@code merchantId} null: the platform's; {@code all}: every owner's. */
    public Flux<Promotion> list(UUID merchantId, boolean all, UUID before, int limit) {
        String owner = all ? "TRUE" : merchantId == null ? "merchant_id IS NULL" : "merchant_id = :merchant";
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM promotions WHERE " + owner
                        + " AND (CAST(:before AS uuid) IS NULL OR id < CAST(:before AS uuid)) ORDER BY id DESC LIMIT :limit")
                .bind("before", before == null ? Parameters.in(UUID.class) : before).bind("limit", limit);
        if (!all && merchantId != null) {
            spec = spec.bind("merchant", merchantId);
        }
        return spec.map(this::promotion).all();
    }

    public Mono<Boolean> merchantExists(UUID merchantId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM merchants WHERE id = :id) AS found").bind("id", merchantId)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    Promotion promotion(Readable row) {
        UUID[] ids = row.get("scope_ids", UUID[].class);
        return new Promotion(row.get("id", UUID.class), row.get("merchant_id", UUID.class), row.get("name", String.class),
                row.get("code", String.class), Promotion.Kind.valueOf(row.get("kind", String.class)),
                row.get("percent_off", Integer.class), amounts(row, "amounts_off"),
                Promotion.Scope.valueOf(row.get("scope", String.class)),
                ids == null ? java.util.Set.of() : new LinkedHashSet<>(Arrays.asList(ids)),
                amounts(row, "minimum_subtotal"), instant(row, "starts_at"), instant(row, "ends_at"),
                row.get("per_customer_limit", Integer.class), row.get("redemption_cap", Integer.class),
                row.get("redeemed", Integer.class), Boolean.TRUE.equals(row.get("combinable", Boolean.class)),
                Boolean.TRUE.equals(row.get("active", Boolean.class)), row.get("version", Long.class),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private Map<String, Long> amounts(Readable row, String column) {
        Json value = row.get(column, Json.class);
        return value == null ? Map.of() : json.readValue(value.asArray(), AMOUNTS);
    }

    private Json json(Map<String, Long> amounts) {
        return Json.of(json.writeValueAsBytes(amounts));
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
