package dev.surge.reviews.domain;

import dev.surge.identity.AccountErased;
import dev.surge.identity.IdentityEvents;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import dev.surge.platform.privacy.PersonalDataSection;
import dev.surge.reviews.data.ReviewQueries;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The reviews' part of privacy requests: an account's reviews in its data export (section {@code "reviews"}),
 * and on {@link AccountErased} its reviews kept but anonymised (the author removed: what other shoppers read,
 * and the product's rating, stay as they were). Applying the erasure again finds nothing left to change.
 */
@Configuration(proxyBeanMethods = false)
class ReviewPrivacy {

    private static final Logger log = LoggerFactory.getLogger(ReviewPrivacy.class);

    /** A review as its author's export shows it. */
    record ExportedReview(UUID id, UUID productId, int rating, String title, String body, String status,
            Instant createdAt, Instant updatedAt) {
    }

    @Bean
    PersonalDataSection reviewsSection(ReviewQueries reviews) {
        return new PersonalDataSection() {
            @Override
            public String name() {
                return "reviews";
            }

            @Override
            public Mono<Object> export(UUID accountId) {
                return reviews.byAuthor(accountId)
                        .map(r -> new ExportedReview(r.id(), r.productId(), r.rating(), r.title(), r.body(),
                                r.status().name(), r.createdAt(), r.updatedAt()))
                        .collectList()
                        .map(list -> (Object) list);
            }
        };
    }

    @Bean
    EventHandler<AccountErased> reviewsAccountErased(ReviewQueries reviews) {
        return EventHandlers.of("reviews.account-erased", IdentityEvents.TOPIC, AccountErased.class,
                (event, metadata) -> reviews.anonymise(event.userId())
                        .doOnNext(count -> log.info("Anonymised {} reviews of an erased account", count))
                        .then());
    }
}
