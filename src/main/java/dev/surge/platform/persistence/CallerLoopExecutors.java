package dev.surge.platform.persistence;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Schedulers;

/**
 * Where Lettuce emits a Redis reply: on the event loop of the caller that sent the command, when that caller
 * is one of Reactor Netty's event loops (a request being served, an R2DBC reply being handled), else on a pool
 * of its own ({@code lettuce-eventExecutorLoop}, as Lettuce's default).
 * <p>
 * Lettuce asks its executor group for an executor ({@link #next()}) on the thread that sends the command, and
 * emits the reply there ({@code publishOnScheduler}, see {@code RedisConnectionConfig}). With its default pool, a
 * request served on event loop A went A → Lettuce's I/O thread → a pool thread (the rest of the request: pricing,
 * JSON, observation) → A again (the response's write): three thread hops per command, and the pool's two
 * threads competing with the two event loops for two cores. Emitting on A itself leaves two hops (the bare
 * stack's count) and the rest of the request on the loop that serves it. Lettuce's I/O threads still only
 * decode replies and hand them over, so a burst of replies is never held up behind request work.
 */
final class CallerLoopExecutors extends AbstractEventExecutorGroup {

    private final EventExecutorGroup pool;

    CallerLoopExecutors(int poolThreads) {
        this.pool = new DefaultEventExecutorGroup(poolThreads, new DefaultThreadFactory("lettuce-eventExecutorLoop", true));
    }

    @Override
    public EventExecutor next() {
        EventExecutor current = ThreadExecutorMap.currentExecutor();
        // Reactor Netty's loops are NonBlocking threads; Lettuce's own I/O loops are not (and stay for I/O only).
        return current instanceof EventLoop && Schedulers.isInNonBlockingThread() ? current : pool.next();
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        return pool.iterator();
    }

    @Override
    public boolean isShuttingDown() {
        return pool.isShuttingDown();
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        return pool.shutdownGracefully(quietPeriod, timeout, unit);
    }

    @Override
    public Future<?> terminationFuture() {
        return pool.terminationFuture();
    }

    @Override
    @Deprecated
    public void shutdown() {
        pool.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    @Override
    @Deprecated
    public List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }
}
