package dev.surge.catalog.domain;

import dev.surge.catalog.config.ProductMediaProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads image work runs on, never an event loop: {@code surge-media} decodes and scales (CPU and
 * memory heavy, so few threads), {@code surge-media-io} reads and writes files and starts S3 calls.
 * Both are bounded; a full queue rejects the task, which answers 503.
 */
@Component
public class MediaSchedulers implements DisposableBean {

    private final Scheduler imaging;
    private final Scheduler io;

    MediaSchedulers(ProductMediaProperties properties) {
        this.imaging = Schedulers.newBoundedElastic(properties.thumbnailThreads(), properties.thumbnailQueue(),
                "surge-media");
        this.io = Schedulers.newBoundedElastic(properties.ioThreads(), 1024, "surge-media-io");
    }

    public Scheduler imaging() {
        return imaging;
    }

    public Scheduler io() {
        return io;
    }

    @Override
    public void destroy() {
        imaging.dispose();
        io.dispose();
    }
}
