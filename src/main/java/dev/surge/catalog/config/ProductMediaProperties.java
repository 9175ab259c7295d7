package dev.surge.catalog.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Product images: upload limits, thumbnails and where the files are kept. A record of its own (like
 * {@code DemoProperties}) so the media knobs read together under {@code surge.catalog.media}.
 *
 * @param maxUploadSize       largest image file accepted (413 above it); the upload route's body limit is
 *                            this plus a little for the multipart envelope
 * @param maxPixels           largest width x height accepted, so a small file cannot decode into gigabytes
 * @param maxImagesPerProduct images one product may have
 * @param thumbnailSizes      longest side, in pixels, of each thumbnail made for an upload
 * @param thumbnailThreads    threads of the {@code surge-media} scheduler that decodes and scales images;
 *                            each decode may hold up to {@code maxPixels x 4} bytes of memory
 * @param thumbnailQueue      tasks that may wait for a {@code surge-media} thread before uploads answer 503
 * @param ioThreads           threads of the {@code surge-media-io} scheduler (local files, S3 calls)
 * @param storage             where originals and thumbnails are kept
 */
@ConfigurationProperties("surge.catalog.media")
public record ProductMediaProperties(
        @DefaultValue("10MB") DataSize maxUploadSize,
        @DefaultValue("40000000") long maxPixels,
        @DefaultValue("20") int maxImagesPerProduct,
        @DefaultValue({"200", "800"}) List<Integer> thumbnailSizes,
        @DefaultValue("2") int thumbnailThreads,
        @DefaultValue("64") int thumbnailQueue,
        @DefaultValue("8") int ioThreads,
        @DefaultValue Storage storage) {

    public enum StorageType { LOCAL, S3 }

    /**
     * @param type  {@code local} (default: files on this machine, served by Surge under {@code /media/**})
     *              or {@code s3} (any S3-compatible object store)
     */
    public record Storage(@DefaultValue("local") StorageType type, @DefaultValue Local local, @DefaultValue S3 s3) {
    }

    /**
     * @param directory where files are written; share it between instances (a volume) or use S3
     * @param publicUrl the URL {@code /media} is reachable at by browsers; image URLs are built from it
     */
    public record Local(@DefaultValue("data/media") Path directory,
            @DefaultValue("http://localhost:8080/media") String publicUrl) {
    }

    /**
     * @param bucket          bucket holding the images; it must exist and allow public reads of them (or
     *                        sit behind a CDN named in {@code publicUrl})
     * @param region          signing region
     * @param endpoint        endpoint of an S3-compatible server (MinIO, R2, S3Mock...); empty: AWS
     * @param pathStyle       {@code http://host/bucket/key} instead of {@code http://bucket.host/key}
     * @param accessKeyId     credentials; empty: the AWS SDK's default chain (environment, profile, role)
     * @param secretAccessKey see {@code accessKeyId}
     * @param publicUrl       base URL of the bucket as browsers see it (a CDN); empty: derived from the endpoint
     */
    public record S3(String bucket, @DefaultValue("us-east-1") String region, URI endpoint,
            @DefaultValue("false") boolean pathStyle, String accessKeyId, String secretAccessKey, String publicUrl) {
    }
}
