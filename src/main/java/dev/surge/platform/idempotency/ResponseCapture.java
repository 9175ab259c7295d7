package dev.surge.platform.idempotency;

import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Renders a handler's {@link ServerResponse} into memory with the application's own message writers (the codecs
 * WebFlux would use, Jackson configured as everywhere else), so that any response (an entity from
 * {@code bodyValue}, a publisher, no body at all) becomes status, headers, cookies and the exact bytes.
 */
final class ResponseCapture {

    private final ServerResponse.Context context;

    ResponseCapture(List<HttpMessageWriter<?>> writers) {
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    /** A response as rendered: what the client is answered the first time. */
    record Captured(int status, HttpHeaders headers, MultiValueMap<String, ResponseCookie> cookies, byte[] body) {
    }

    Mono<Captured> capture(ServerRequest request, ServerResponse response) {
        return Mono.defer(() -> {
            Buffered buffered = new Buffered();
            return response.writeTo(request.exchange().mutate().response(buffered).build(), context)
                    .then(Mono.fromSupplier(buffered::captured));
        });
    }

    /** A response that keeps what is written to it instead of sending it. */
    private static final class Buffered extends AbstractServerHttpResponse {

        private final List<byte[]> chunks = new ArrayList<>();

        Buffered() {
            super(DefaultDataBufferFactory.sharedInstance);
        }

        Captured captured() {
            int length = chunks.stream().mapToInt(chunk -> chunk.length).sum();
            byte[] body = new byte[length];
            int at = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, body, at, chunk.length);
                at += chunk.length;
            }
            HttpHeaders headers = new HttpHeaders();
            headers.putAll(getHeaders());
            MultiValueMap<String, ResponseCookie> cookies = new LinkedMultiValueMap<>(getCookies());
            int status = getStatusCode() != null ? getStatusCode().value() : HttpStatus.OK.value();
            return new Captured(status, headers, cookies, body);
        }

        @Override
        protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
            return Flux.from(body).doOnNext(buffer -> {
                byte[] chunk = new byte[buffer.readableByteCount()];
                buffer.read(chunk);
                DataBufferUtils.release(buffer);
                chunks.add(chunk);
            }).then();
        }

        @Override
        protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return Flux.from(body).concatMap(this::writeWithInternal).then();
        }

        @Override
        protected void applyStatusCode() {
        }

        @Override
        protected void applyHeaders() {
        }

        @Override
        protected void applyCookies() {
        }

        @Override
        public <T> T getNativeResponse() {
            throw new UnsupportedOperationException("A captured response has no native response");
        }
    }
}
