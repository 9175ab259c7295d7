package dev.surge.catalog.domain;

import reactor.core.publisher.Mono;

/**
 * Where image files live: the local filesystem by default, an S3-compatible bucket in production. Keys
 * are never reused (they carry the image id), so whatever serves a URL may cache it forever.
 */
public interface ImageStorage {

    /** Stores {@code content} under {@code key}, replacing what was there (a redelivered write is harmless). */
    Mono<Void> put(String key, byte[] content, String contentType);

    /** The stored bytes; empty when there is nothing under {@code key}. */
    Mono<byte[]> get(String key);

    /** Removes {@code key}; succeeds when it is already gone. */
    Mono<Void> delete(String key);

    /** The public URL browsers load {@code key} from. */
    String url(String key);
}
