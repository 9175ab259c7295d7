package dev.surge.catalog.config;

import dev.surge.catalog.domain.ImageStorage;
import dev.surge.catalog.domain.MediaSchedulers;
import dev.surge.catalog.media.LocalImageStorage;
import dev.surge.catalog.media.LocalMediaFiles;
import dev.surge.catalog.media.S3ImageStorage;
import dev.surge.platform.web.RouteBodyLimit;
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import software.amazon.awssdk.services.s3.S3AsyncClient;

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
                    .GET("/media/**", files::serve, MediaFileApiDocs::get)
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "surge.catalog.media.storage", name = "type", havingValue = "s3")
    static class S3 {

        @Bean(destroyMethod = "close")
        S3AsyncClient imageS3Client(ProductMediaProperties properties) {
            return S3ImageStorage.client(properties.storage().s3());
        }

        @Bean
        ImageStorage s3ImageStorage(S3AsyncClient imageS3Client, ProductMediaProperties properties,
                MediaSchedulers schedulers) {
            ProductMediaProperties.S3 s3 = properties.storage().s3();
            return new S3ImageStorage(imageS3Client, s3.bucket(), S3ImageStorage.publicUrl(s3), schedulers.io());
        }
    }
}
