package dev.surge.platform.events.web;

import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;

import dev.surge.platform.events.DeadLetter;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each route of {@link DeadLettersRouter}. */
final class DeadLettersApiDocs {

    private static final String TAG = "Dead letters";

    private DeadLettersApiDocs() {
    }

    static void list(Builder ops) {
        ops.operationId("listDeadLetters").tag(TAG)
                .summary("Events a handler gave up on after its retries, newest first, with the error and status")
                .parameter(query("topic", String.class, "Original topic, e.g. surge.orders"))
                .parameter(query("handler", String.class, "The handler that gave up, e.g. notifications.order-paid"))
                .parameter(query("status", String.class, "pending, replayed or discarded"))
                .parameter(query("limit", Integer.class, "1-200, default 50"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page (same filters)"))
                .response(ok(DeadLettersHandler.DeadLetterPage.class, "A page of dead letters"))
                .response(problem(400, "Invalid filter (validation_failed) or cursor (invalid_cursor)"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not an administrator"));
    }

    static void replay(Builder ops) {
        ops.operationId("replayDeadLetter").tag(TAG)
                .summary("Send a pending dead letter back to the handler that gave up on it (that handler only); audited")
                .parameter(path("id", "Dead letter id"))
                .response(ok(DeadLetter.class, "The dead letter, now replayed"))
                .response(problem(400, "Malformed id (validation_failed)"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not an administrator"))
                .response(problem(404, "No such dead letter (dead_letter_not_found)"))
                .response(problem(409, "Replayed or discarded already (dead_letter_not_pending), no event id "
                        + "(dead_letter_not_replayable), or its handler does not run here (dead_letter_handler_unknown)"))
                .response(problem(503, "The broker did not take it (event_broker_unavailable); nothing changed"));
    }

    static void replayAll(Builder ops) {
        ops.operationId("replayDeadLetters").tag(TAG)
                .summary("Send every pending dead letter (optionally of one topic and/or handler) back to its handler; audited")
                .parameter(query("topic", String.class, "Only this original topic"))
                .parameter(query("handler", String.class, "Only this handler"))
                .response(ok(DeadLettersHandler.Replayed.class, "How many were sent back"))
                .response(problem(400, "Invalid filter (validation_failed)"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not an administrator"))
                .response(problem(503, "The broker did not take a batch (event_broker_unavailable): the batches "
                        + "before it are replayed, the rest stay pending"));
    }

    static void discard(Builder ops) {
        ops.operationId("discardDeadLetter").tag(TAG)
                .summary("Give up on a pending dead letter: kept as discarded, never delivered again; audited")
                .parameter(path("id", "Dead letter id"))
                .response(ok(DeadLetter.class, "The dead letter, now discarded"))
                .response(problem(400, "Malformed id (validation_failed)"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not an administrator"))
                .response(problem(404, "No such dead letter (dead_letter_not_found)"))
                .response(problem(409, "Replayed or discarded already (dead_letter_not_pending)"));
    }
}
