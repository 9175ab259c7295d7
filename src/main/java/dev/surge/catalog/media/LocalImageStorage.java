package dev.surge.catalog.media;

import dev.surge.catalog.domain.ImageStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Images as files under one directory, {@code <directory>/<key>}, served by {@link LocalMediaFiles} under
 * {@code /media/<key>}. Writes go to a temporary file that is then moved into place, so a reader never
 * sees half a file. All file work runs on the {@code surge-media-io} scheduler.
 */
public class LocalImageStorage implements ImageStorage {

    /** What keys look like: relative, lower-case path segments, no {@code ..}. */
    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_.-]*)*");

    private final Path root;
    private final String publicUrl;
    private final Scheduler io;

    public LocalImageStorage(Path root, String publicUrl, Scheduler io) {
        this.root = root.toAbsolutePath().normalize();
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.io = io;
    }

    @Override
    public Mono<Void> put(String key, byte[] content, String contentType) {
        return Mono.fromCallable(() -> {
            Path target = path(key).orElseThrow(() -> new IllegalArgumentException("Bad storage key " + key));
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
            try {
                Files.write(partial, content);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return target;
        }).subscribeOn(io).then();
    }

    @Override
    public Mono<byte[]> get(String key) {
        return Mono.fromCallable(() -> {
            Optional<Path> path = path(key);
            if (path.isEmpty()) {
                return null;
            }
            try {
                return Files.readAllBytes(path.get());
            } catch (NoSuchFileException e) {
                return null;
            }
        }).subscribeOn(io);
    }

    @Override
    public Mono<Void> delete(String key) {
        return Mono.fromCallable(() -> {
            Optional<Path> path = path(key);
            if (path.isPresent()) {
                Files.deleteIfExists(path.get());
            }
            return key;
        }).subscribeOn(io).then();
    }

    @Override
    public String url(String key) {
        return publicUrl + "/" + key;
    }

    /** A stored file and its size, for serving; empty when there is none. */
    Mono<StoredFile> file(String key) {
        return Mono.fromCallable(() -> path(key)
                        .filter(Files::isRegularFile)
                        .map(path -> {
                            try {
                                return new StoredFile(path, Files.size(path));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        })
                        .orElse(null))
                .subscribeOn(io);
    }

    record StoredFile(Path path, long size) {
    }

    /** The file of {@code key}, only if the key is well formed and stays inside the root. */
    private Optional<Path> path(String key) {
        if (key == null || key.length() > 300 || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        Path path = root.resolve(key).normalize();
        return path.startsWith(root) ? Optional.of(path) : Optional.empty();
    }

    Scheduler io() {
        return io;
    }
}
