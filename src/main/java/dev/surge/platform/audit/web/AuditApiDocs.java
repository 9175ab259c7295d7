package dev.surge.platform.audit.web;

import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;

import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each route of {@link AuditRouter}. */
final class AuditApiDocs {

    private AuditApiDocs() {
    }

    static void listAudit(Builder ops) {
        ops.operationId("listAudit").tag("Audit")
                .summary("The audit log, newest first: sign-ins, account and role changes, stock changes, "
                        + "catalog changes, exports; kept for surge.audit.retention")
                .parameter(query("actor", String.class, "Who acted (user id)"))
                .parameter(query("action", String.class, "Exact action name, e.g. login.succeeded"))
                .parameter(query("target", String.class, "Whom or what it was done to (subject id)"))
                .parameter(query("from", String.class, "At or after (ISO-8601 instant)"))
                .parameter(query("to", String.class, "Before (ISO-8601 instant)"))
                .parameter(query("limit", Integer.class, "1-200, default 50"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page (same filters)"))
                .response(ok(AuditHandler.AuditPage.class, "A page of audit records"))
                .response(problem(400, "Invalid filter (validation_failed) or cursor (invalid_cursor)"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not an administrator"));
    }
}
