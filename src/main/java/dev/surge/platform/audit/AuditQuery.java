package dev.surge.platform.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Filters of the audit log; each is optional. {@code from} is inclusive, {@code to} exclusive.
 *
 * @param actor  who acted (a user id)
 * @param action the action's exact name, e.g. {@code login.succeeded}
 * @param target whom or what it was done to (the record's subject id)
 */
public record AuditQuery(UUID actor, String action, UUID target, Instant from, Instant to) {

    /** What a cursor is bound to: a cursor made under other filters is refused. */
    String scope() {
        return "audit:" + Objects.toString(actor, "") + ":" + Objects.toString(action, "") + ":"
                + Objects.toString(target, "") + ":" + Objects.toString(from, "") + ":" + Objects.toString(to, "");
    }
}
