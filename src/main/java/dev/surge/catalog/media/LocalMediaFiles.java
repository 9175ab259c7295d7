package dev.surge.catalog.media;

import dev.surge.catalog.domain.ImageFormat;
import dev.surge.platform.errors.NotFoundException;
import java.time.Duration;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves {@link LocalImageStorage}'s files at {@code /media/<key>}. Keys are never reused, so responses
 * may be cached for a year by browsers and CDNs ({@code immutable}). Files stream from disk on the
 * {@code surge-media-io} scheduler.
 */
public class LocalMediaFiles {

    static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
    private static final int CHUNK = 64 * 1024;

    private final LocalImageStorage storage;

    public LocalMediaFiles(LocalImageStorage storage) {
        this.storage = storage;
    }

    public Mono<ServerResponse> serve(ServerRequest request) {
        String key = request.path().substring("/media/".length());
        int dot = key.lastIndexOf('.');
        MediaType type = dot < 0 ? null : ImageFormat.ofExtension(key.substring(dot + 1))
                .map(format -> MediaType.parseMediaType(format.contentType())).orElse(null);
        if (type == null) {
            return Mono.error(MediaFileNotFound::new);
        }
        return storage.file(key)
                .flatMap(file -> ServerResponse.ok()
                        .contentType(type)
                        .contentLength(file.size())
                        .cacheControl(FOREVER)
                        .body(BodyInserters.fromDataBuffers(DataBufferUtils
                                .read(file.path(), DefaultDataBufferFactory.sharedInstance, CHUNK)
                                .subscribeOn(storage.io()))))
                .switchIfEmpty(Mono.error(MediaFileNotFound::new));
    }

    static final class MediaFileNotFound extends NotFoundException {

        MediaFileNotFound() {
            super("not_found", "No such file");
        }
    }
}
