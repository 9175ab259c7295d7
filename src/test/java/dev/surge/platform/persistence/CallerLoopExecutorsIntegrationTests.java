package dev.surge.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.support.IntegrationTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.netty.resources.LoopResources;

/**
 * A Redis reply is emitted on the event loop that sent the command (a request's own loop), and on Lettuce's
 * pool when the command came from elsewhere; never on Lettuce's I/O thread.
 */
class CallerLoopExecutorsIntegrationTests extends IntegrationTest {

    private final LoopResources loops = LoopResources.create("caller-loop-test", 1, true);

    @Autowired
    ReactiveStringRedisTemplate redis;

    @AfterEach
    void stopLoops() {
        loops.disposeLater().block(Duration.ofSeconds(5));
    }

    @Test
    void aReplyToACommandSentFromAnEventLoopArrivesOnThatLoop() throws Exception {
        var loop = loops.onServer(false).next();
        CompletableFuture<String[]> threads = new CompletableFuture<>();
        loop.execute(() -> {
            String sender = Thread.currentThread().getName();
            redis.opsForValue().set("caller-loop-test", "x").then(redis.opsForValue().get("caller-loop-test"))
                    .subscribe(value -> threads.complete(new String[] {sender, Thread.currentThread().getName()}),
                            threads::completeExceptionally);
        });
        String[] senderAndReceiver = threads.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(senderAndReceiver[0]).startsWith("caller-loop-test");
        assertThat(senderAndReceiver[1]).isEqualTo(senderAndReceiver[0]);
    }

    @Test
    void aReplyToACommandSentFromElsewhereArrivesOnLettucesPool() throws Exception {
        CompletableFuture<String> receiver = new CompletableFuture<>();
        new Thread(() -> redis.opsForValue().get("caller-loop-test")
                .defaultIfEmpty("none")
                .subscribe(value -> receiver.complete(Thread.currentThread().getName()), receiver::completeExceptionally),
                "plain-caller").start();
        assertThat(receiver.get(10, java.util.concurrent.TimeUnit.SECONDS)).startsWith("lettuce-eventExecutorLoop");
    }
}
