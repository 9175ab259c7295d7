package dev.surge.identity.domain;

import dev.surge.identity.IdentityEvents;
import dev.surge.identity.PersonalDataExportRequested;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Identity's own reaction to its export requests: the export is built here, off the request, applied once per
 * event (the built document, its token and the {@code PersonalDataExportReady} event commit with the record of
 * the event), retried and dead-lettered like any handler. The name never changes: it is the consumer group.
 */
@Configuration(proxyBeanMethods = false)
class PrivacyHandlers {

    @Bean
    EventHandler<PersonalDataExportRequested> personalDataExportBuilder(PersonalDataExports exports) {
        return EventHandlers.of("identity.personal-data-export", IdentityEvents.TOPIC,
                PersonalDataExportRequested.class, (event, metadata) -> exports.build(event));
    }
}
