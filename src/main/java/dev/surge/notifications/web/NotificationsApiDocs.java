package dev.surge.notifications.web;

import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;

import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each route of {@link NotificationsRouter}. */
final class NotificationsApiDocs {

    private NotificationsApiDocs() {
    }

    static void listNotifications(Builder ops) {
        ops.operationId("listNotifications").tag("Notifications")
                .summary("Emails to buyers and merchants, newest first: what caused each, to whom, and where its "
                        + "delivery stands (PENDING, SENT, FAILED), with attempts and the last error")
                .parameter(query("status", String.class, "PENDING, SENT or FAILED"))
                .parameter(query("recipient", String.class, "Exact email address (any case)"))
                .parameter(query("order", String.class, "Order id"))
                .parameter(query("template", String.class, "Template name, e.g. order-shipped"))
                .parameter(query("limit", Integer.class, "1-200, default 50"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page (same filters)"))
                .response(ok(NotificationsHandler.NotificationPage.class, "A page of notifications"))
                .response(problem(400, "Invalid filter (validation_failed) or cursor (invalid_cursor)"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not an administrator"));
    }
}
