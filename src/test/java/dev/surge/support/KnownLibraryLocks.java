package dev.surge.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound allowances for locks inside libraries that are held for a few instructions and are not
 * I/O. Each entry names the exact method; nothing of ours belongs here.
 */
public class KnownLibraryLocks implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // Netty 4.2's default allocator briefly takes a StampedLock when it grows its per-thread magazines.
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        // Jackson 3 builds the deserializer of a type once, under a ReentrantLock; two requests decoding the
        // same type for the very first time at the same moment wait on each other once (seen in CI).
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
        // Lettuce 7 guards every command write with SharedLock, whose ReentrantLock is held for a counter update.
        // Under contention (hundreds of writes from several threads) lock() parks; a BlockHound error thrown
        // there escapes into DefaultEndpoint.write's finally, which decrements a count it never incremented,
        // and every later write on that connection spins forever.
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
        // Spring Data Redis hands out its one shared reactive connection under a ReentrantLock held only
        // to read the field (the connection is opened eagerly at start-up; see RedisConnectionConfig).
        // A thousand buyers arriving at once make threads queue on it for microseconds (seen in
        // FlashSaleTwoInstancesIntegrationTests).
        builder.allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
                "getOrCreateSharedReactiveConnection");
        builder.allowBlockingCallsInside(
                "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory$SharedConnection",
                "getConnection");
        // The CSV import reads its body as an InputStream on a worker thread: the event loop hands each buffer over
        // through SubscriberInputStream's ArrayBlockingQueue with offer(), which never waits for room (demand is
        // bounded by the queue), only for the queue's lock while the reader polls. A parked offer() failed an
        // import's connection once in CI (ProductCsvIntegrationTests, 2026-12-07).
        builder.allowBlockingCallsInside("org.springframework.core.io.buffer.SubscriberInputStream", "onNext");
    }
}
