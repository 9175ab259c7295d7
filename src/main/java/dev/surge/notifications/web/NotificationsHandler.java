package dev.surge.notifications.web;

import dev.surge.notifications.domain.Notification;
import dev.surge.notifications.domain.Notifications;
import dev.surge.platform.paging.Page;
import dev.surge.platform.web.QueryParams;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Parses the notification list's filters, reads one page, answers it. */
@Component
class NotificationsHandler {

    /** Template names as the code writes them: lower case words joined by dashes. */
    private static final Pattern TEMPLATE = Pattern.compile("[a-z][a-z0-9-]{0,59}");

    /** Delivery states of a notification. */
    enum Status { PENDING, SENT, FAILED }

    private final Notifications notifications;

    NotificationsHandler(Notifications notifications) {
        this.notifications = notifications;
    }

    Mono<ServerResponse> list(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        Status status = params.choice("status", Status.class, null);
        String recipient = params.text("recipient").orElse(null);
        if (recipient != null && (recipient.length() > 254 || !recipient.contains("@"))) {
            params.reject("recipient", "invalid", "An email address");
            recipient = null;
        }
        UUID order = params.uuid("order");
        String template = params.text("template").orElse(null);
        if (template != null && !TEMPLATE.matcher(template).matches()) {
            params.reject("template", "invalid", "A template name such as order-shipped");
            template = null;
        }
        int limit = params.integer("limit", 50, 1, 200);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        return notifications.page(new Notifications.Query(status == null ? null : status.name(), recipient, order,
                        template), limit, cursor)
                .flatMap(page -> ServerResponse.ok().cacheControl(CacheControl.noStore())
                        .bodyValue(NotificationPage.of(page)));
    }

    /** One page of notifications, newest first; {@code nextCursor} is null on the last page. */
    record NotificationPage(List<Notification> items, String nextCursor) {

        static NotificationPage of(Page<Notification> page) {
            return new NotificationPage(page.items(), page.nextCursor());
        }
    }
}
