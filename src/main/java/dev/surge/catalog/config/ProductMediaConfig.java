package dev.surge.catalog.config;

import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.status;

import dev.surge.catalog.domain.ImageStorage;
import dev.surge.catalog.domain.MediaSchedulers;
import dev.surge.catalog.media.LocalImageStorage;
import dev.surge.catalog.media.LocalMediaFiles;
import dev.surge.catalog.media.S3ImageStorage;
import dev.surge.platform.web.RouteBodyLimit;
import java.net.URI;
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * Product media wiring: the image storage adapter chosen by {@code surge.catalog.media.storage.type}, the
 * {@code /media/**} file route of the local one, and the upload route's own body limit.
 */
@Configuration(proxyBeanMethods = false)
class ProductMediaConfig {

    static final String UPLOAD_PATH = "/api/v1/products/{productId}/images";
    /** Room for the multipart envelope around the file: boundaries, part headers, alt text, position. */
    static final DataSize MULTIPART_OVERHEAD = DataSize.ofKilobytes(64);

    @Bean
    RouteBodyLimit productImageUploadLimit(ProductMediaProperties properties) {
        return new RouteBodyLimit(HttpMethod.POST, UPLOAD_PATH,
                DataSize.ofBytes(properties.maxUploadSize().toBytes() + MULTIPART_OVERHEAD.toBytes()));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "surge.catalog.media.storage", name = "type", havingValue = "local",
            matchIfMissing = true)
    static class Local {

        @Bean
        LocalImageStorage localImageStorage(ProductMediaProperties properties, MediaSchedulers schedulers) {
            ProductMediaProperties.Local local = properties.storage().local();
            return new LocalImageStorage(local.directory(), local.publicUrl(), schedulers.io());
        }

        @Bean
        RouterFunction<ServerResponse> mediaFileRoutes(LocalImageStorage storage) {
            LocalMediaFiles files = new LocalMediaFiles(storage);
            return SpringdocRouteBuilder.route()
                    .GET("/media/**", files::serve, ops -> ops.operationId("getMediaFile").tag("Catalog")
                            .summary("A stored product image or thumbnail (local storage); cacheable for a year")
                            .parameter(path("key", "Storage key, as in the image URLs of a product"))
                            .response(status(200, "The image, Cache-Control: public, max-age=31536000, immutable"))
                            .response(problem(404, "No such file")))
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "surge.catalog.media.storage", name = "type", havingValue = "s3")
    static class S3 {

        @Bean(destroyMethod = "close")
        S3AsyncClient imageS3Client(ProductMediaProperties properties) {
            return s3Client(properties.storage().s3());
        }

        @Bean
        ImageStorage s3ImageStorage(S3AsyncClient imageS3Client, ProductMediaProperties properties,
                MediaSchedulers schedulers) {
            ProductMediaProperties.S3 s3 = properties.storage().s3();
            return new S3ImageStorage(imageS3Client, s3.bucket(), publicUrl(s3), schedulers.io());
        }
    }

    /** An async S3 client on Netty for {@code settings}; public so tests build the same one. */
    public static S3AsyncClient s3Client(ProductMediaProperties.S3 settings) {
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
                // Only when the operation needs one: several S3-compatible servers reject the newer default checksums.
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
}
