package dev.surge.platform.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/** Bodies as bytes, for the few places that need all of a body at once (hashing, signatures, uploads). */
public final class DataBuffers {

    private DataBuffers() {
    }

    /** The buffer's readable bytes; the buffer is released. */
    public static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The whole request body (already limited by {@code BodySizeLimitFilter}); empty bytes for no body. */
    public static Mono<byte[]> body(ServerRequest request) {
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()))
                .map(DataBuffers::bytes)
                .defaultIfEmpty(new byte[0]);
    }
}
