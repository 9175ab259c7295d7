package dev.surge.identity.data;

import dev.surge.identity.data.AdminQueries.MerchantRow;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The back office's merchant list, reads and updates (identity owns the {@code merchants} rows). */
@Repository
public class MerchantQueries {

    private static final String COLUMNS = "id, slug, name, contact_email, status, created_at";

    private final DatabaseClient db;

    MerchantQueries(DatabaseClient db) {
        this.db = db;
    }

    /** A merchant before and after an update. */
    public record Updated(MerchantRow before, MerchantRow after) {
    }

    /**
     * Merchants newest first (by id), after {@code afterId} when given; null {@code status} or {@code query} do not
     * filter, {@code query} matches any part of the name or slug.
     */
    public Flux<MerchantRow> page(String status, String query, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM merchants WHERE true");
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (query != null) {
            sql.append(" AND (strpos(lower(name), lower(:q)) > 0 OR strpos(slug, lower(:q)) > 0)");
        }
        if (afterId != null) {
            sql.append(" AND id < :after");
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.append(" ORDER BY id DESC LIMIT :limit").toString())
                .bind("limit", limit);
        if (status != null) {
            spec = spec.bind("status", status);
        }
        if (query != null) {
            spec = spec.bind("q", query);
        }
        if (afterId != null) {
            spec = spec.bind("after", afterId);
        }
        return spec.map(MerchantQueries::merchant).all();
    }

    public Mono<MerchantRow> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM merchants WHERE id = :id").bind("id", id)
                .map(MerchantQueries::merchant).one();
    }

    /**
     * Sets what is given (null: unchanged; an empty contact email removes it) under the row's lock, answering the
     * row before and after; empty when there is no such merchant.
     */
    public Mono<Updated> update(UUID id, String name, String contactEmail, String status) {
        return db.sql("UPDATE merchants m SET name = coalesce(:name, m.name), "
                        + "contact_email = CASE WHEN :contact IS NULL THEN m.contact_email "
                        + "WHEN :contact = '' THEN NULL ELSE :contact END, "
                        + "status = coalesce(:status, m.status) "
                        + "FROM (SELECT " + COLUMNS + " FROM merchants WHERE id = :id FOR UPDATE) old "
                        + "WHERE m.id = old.id RETURNING old.id AS old_id, old.slug AS old_slug, old.name AS old_name, "
                        + "old.contact_email AS old_contact_email, old.status AS old_status, "
                        + "old.created_at AS old_created_at, m.id, m.slug, m.name, m.contact_email, m.status, m.created_at")
                .bind("id", id)
                .bind("name", name == null ? io.r2dbc.spi.Parameters.in(String.class) : name)
                .bind("contact", contactEmail == null ? io.r2dbc.spi.Parameters.in(String.class) : contactEmail)
                .bind("status", status == null ? io.r2dbc.spi.Parameters.in(String.class) : status)
                .map(row -> new Updated(prefixed(row, "old_"), merchant(row)))
                .one();
    }

    private static MerchantRow merchant(Readable row) {
        return prefixed(row, "");
    }

    private static MerchantRow prefixed(Readable row, String prefix) {
        return new MerchantRow(row.get(prefix + "id", UUID.class), row.get(prefix + "slug", String.class),
                row.get(prefix + "name", String.class), row.get(prefix + "contact_email", String.class),
                row.get(prefix + "status", String.class),
                row.get(prefix + "created_at", OffsetDateTime.class).toInstant());
    }
}
