package dev.surge.catalog.media;

import dev.surge.catalog.config.ProductMediaProperties;
import dev.surge.catalog.domain.ImageStorage;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import org.springframework.util.StringUtils;
import reactor.core.scheduler.Scheduler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
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

    /** An async S3 client on Netty for {@code settings}, built at start-up (it may read files). */
    public static S3AsyncClient client(ProductMediaProperties.S3 settings) {
        if (!StringUtils.hasText(settings.bucket())) {
            throw new IllegalStateException("surge.catalog.media.storage.s3.bucket (SURGE_MEDIA_S3_BUCKET) is required");
        }
        AwsCredentialsProvider credentials = StringUtils.hasText(settings.accessKeyId())
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(),
                        settings.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // Only where an operation needs one: several S3-compatible servers refuse the newer default checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    /** Where browsers load objects from: the configured URL, else the bucket's own address. */
    public static String publicUrl(ProductMediaProperties.S3 settings) {
        if (StringUtils.hasText(settings.publicUrl())) {
            return settings.publicUrl();
        }
        if (settings.endpoint() == null) {
            return "https://" + settings.bucket() + ".s3." + settings.region() + ".amazonaws.com";
        }
        URI endpoint = settings.endpoint();
        String base = endpoint.toString().replaceAll("/+$", "");
        return settings.pathStyle() ? base + "/" + settings.bucket()
                : endpoint.getScheme() + "://" + settings.bucket() + "." + endpoint.getAuthority();
    }

    private <T> Mono<T> call(Supplier<CompletableFuture<T>> request) {
        return Mono.fromFuture(request, true)
                .subscribeOn(io)
                .onErrorMap(java.util.concurrent.CompletionException.class,
                        e -> e.getCause() != null ? e.getCause() : e);
    }
}
