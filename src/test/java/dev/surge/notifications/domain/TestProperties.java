package dev.surge.notifications.domain;

import dev.surge.notifications.config.NotificationsProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Notification settings as the defaults have them, with the given sender and link base. */
final class TestProperties {

    private TestProperties() {
    }

    static NotificationsProperties of(String from, String linkBase, int threads) {
        return withTemplateDir(from, linkBase, threads, "");
    }

    static NotificationsProperties withTemplateDir(String from, String linkBase, int threads, String templateDir) {
        return new NotificationsProperties(from, URI.create(linkBase), threads,
                new NotificationsProperties.Store("Kettle & Co", "", "help@shop.example"), templateDir,
                new NotificationsProperties.Delivery(Duration.ofSeconds(2), 20, 8, Duration.ofSeconds(30),
                        Duration.ofHours(1), Duration.ofMinutes(2)),
                new NotificationsProperties.LowStock(Duration.ofHours(1)),
                Map.of("ups", "https://ups.example/track?n={number}"), "https://track.example/{carrier}/{number}",
                Duration.ofDays(3));
    }
}
