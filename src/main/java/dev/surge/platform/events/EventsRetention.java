package dev.surge.platform.events;

import dev.surge.platform.retention.RetentionProperties;
import dev.surge.platform.retention.RetentionPurge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the events machinery keeps only for a while, purged by the retention job: published outbox rows
 * ({@code surge.events.relay.retention}), handled event ids ({@code surge.events.consumer.processed-retention})
 * and dead letters replayed or discarded ({@code surge.retention.dead-letters}); pending dead letters stay.
 */
@Configuration(proxyBeanMethods = false)
class EventsRetention {

    @Bean
    RetentionPurge publishedOutboxRows(OutboxRows rows, EventsProperties events) {
        return RetentionPurge.of("outbox", batch ->
                rows.deletePublishedBefore(RetentionProperties.cutoff(events.relay().retention()), batch));
    }

    @Bean
    RetentionPurge processedEventIds(ProcessedEvents processed, EventsProperties events) {
        return RetentionPurge.of("processed-events", batch ->
                processed.purgeBefore(RetentionProperties.cutoff(events.consumer().processedRetention()), batch));
    }

    @Bean
    RetentionPurge resolvedDeadLetters(DeadLetterRows rows, RetentionProperties retention) {
        return RetentionPurge.of("dead-letters", batch ->
                rows.purgeResolvedBefore(RetentionProperties.cutoff(retention.deadLetters()), batch));
    }
}
