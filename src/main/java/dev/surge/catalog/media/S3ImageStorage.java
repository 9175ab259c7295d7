package dev.surge.catalog.media;

import dev.surge.catalog.domain.ImageStorage;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Images as objects of one bucket of an S3-compatible store, through the AWS SDK v2 async client on
 * Netty (non-blocking I/O). Objects carry {@code Cache-Control: public, max-age=31536000, immutable}, so
 * a CDN in front of the bucket may keep them forever (keys are never reused).
 * <p>
 * Calls are started on the {@code surge-media-io} scheduler: the SDK does some work on the calling thread
 * (signing, endpoint rules, credential look-ups that may read files), which must not land on an event loop.
 */
public class S3ImageStorage implements ImageStorage {

    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final S3AsyncClient s3;
    private final String bucket;
    private final String publicUrl;
    private final Scheduler io;

    /** {@code publicUrl}: base URL of the bucket as browsers see it, without a trailing slash. */
    public S3ImageStorage(S3AsyncClient s3, String bucket, String publicUrl, Scheduler io) {
        this.s3 = s3;
        this.bucket = bucket;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.io = io;
    }

    @Override
    public Mono<Void> put(String key, byte[] content, String contentType) {
        return call(() -> s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType)
                        .contentLength((long) content.length).cacheControl(CACHE_CONTROL),
                AsyncRequestBody.fromBytes(content))).then();
    }

    @Override
    public Mono<byte[]> get(String key) {
        return call(() -> s3.getObject(request -> request.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()))
                .map(response -> response.asByteArray())
                .onErrorResume(NoSuchKeyException.class, e -> Mono.empty());
    }

    @Override
    public Mono<Void> delete(String key) {
        return call(() -> s3.deleteObject(request -> request.bucket(bucket).key(key))).then();
    }

    @Override
    public String url(String key) {
        return publicUrl + "/" + key;
    }

    private <T> Mono<T> call(Supplier<CompletableFuture<T>> request) {
        return Mono.fromFuture(request, true)
                .subscribeOn(io)
                .onErrorMap(java.util.concurrent.CompletionException.class,
                        e -> e.getCause() != null ? e.getCause() : e);
    }
}
