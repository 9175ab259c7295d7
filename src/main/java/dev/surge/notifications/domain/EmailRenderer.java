package dev.surge.notifications.domain;

import dev.surge.notifications.config.NotificationsProperties;
import dev.surge.notifications.mail.Email;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Turns a template name and its model into an {@link Email}, adding the store's name, logo and support address
 * ({@code store.*} in every template). Rendering may read override files, so {@link #render(Callable)} runs it on
 * a bounded scheduler of its own ({@code surge-mail-render}), never on the thread that delivered an event.
 */
@Component
class EmailRenderer implements DisposableBean {

    /** Every email the module sends; all must exist at start-up (built in, or overridden). */
    static final String[] TEMPLATES = {"email-verification", "password-reset", "new-device", "two-factor-enabled",
        "two-factor-disabled", "order-received", "order-paid", "order-shipped", "order-delivered", "order-cancelled",
        "order-refunded", "payment-failed", "merchant-new-order", "low-stock-digest", "personal-data-export",
        WishlistMailers.BACK_IN_STOCK, WishlistMailers.PRICE_DROP};

    private static final int MAX_QUEUED_RENDERS = 1_000;

    private final EmailTemplates templates;
    private final Map<String, Object> store;
    private final Scheduler scheduler;

    EmailRenderer(NotificationsProperties properties) {
        String dir = properties.templateDir();
        this.templates = new EmailTemplates("notifications/templates", dir == null || dir.isBlank() ? null : Path.of(dir),
                TEMPLATES);
        Map<String, Object> shop = new LinkedHashMap<>();
        shop.put("name", properties.store().name());
        shop.put("logoUrl", properties.store().logoUrl());
        shop.put("supportEmail", properties.store().supportEmail());
        this.store = Map.copyOf(shop);
        this.scheduler = Schedulers.newBoundedElastic(properties.senderThreads(), MAX_QUEUED_RENDERS, "surge-mail-render");
    }

    /** Renders now, on the caller's thread: only from code already on {@link #render(Callable)}'s scheduler. */
    Email email(String to, String subject, String template, Map<String, ?> model, String link) {
        Map<String, Object> values = new LinkedHashMap<>(model);
        values.put("store", store);
        EmailTemplates.Rendered body = templates.render(template, values);
        return new Email(to, subject, body.text(), body.html(), link);
    }

    /** Runs {@code rendering} on the render scheduler (a template failure is the returned Mono's error). */
    Mono<Email> render(Callable<Email> rendering) {
        return Mono.fromCallable(rendering).subscribeOn(scheduler);
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
