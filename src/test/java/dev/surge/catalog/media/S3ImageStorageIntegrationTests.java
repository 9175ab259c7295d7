package dev.surge.catalog.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.catalog.config.ProductMediaProperties;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The S3 adapter against a real S3-compatible server: Adobe S3Mock's executable jar, which Maven copies
 * to {@code target/s3mock/} from Maven Central (no Docker). This test starts it as a child JVM on a free
 * port and stops it at the end; its log is {@code target/s3mock/s3mock.log}.
 */
class S3ImageStorageIntegrationTests {

    private static final String BUCKET = "surge-media";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static Process server;
    private static URI endpoint;
    private static S3AsyncClient client;
    private static Scheduler io;
    private static S3ImageStorage storage;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startS3Mock() throws Exception {
        Path jar = Path.of(System.getProperty("surge.test.s3mock-jar", "target/s3mock/s3mock-exec.jar"));
        assertThat(jar).as("S3Mock jar (copied by maven-dependency-plugin in process-test-resources)").exists();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path work = Files.createDirectories(Path.of("target/s3mock"));
        Path store = work.resolve("store-" + UUID.randomUUID());
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.port=0", // its HTTPS port: any free one, unused here
                "--com.adobe.testing.s3mock.httpPort=" + port,
                "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                "--com.adobe.testing.s3mock.store.root=" + store.toAbsolutePath(),
                "--spring.main.banner-mode=off")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("s3mock.log").toFile())
                .start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        awaitUp();

        ProductMediaProperties.S3 settings = new ProductMediaProperties.S3(BUCKET, "us-east-1", endpoint, true,
                "test-key", "test-secret", null);
        client = S3ImageStorage.client(settings);
        io = Schedulers.newBoundedElastic(2, 16, "test-media-io");
        storage = new S3ImageStorage(client, BUCKET, S3ImageStorage.publicUrl(settings), io);
    }

    private static void awaitUp() throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("S3Mock exited early; see target/s3mock/s3mock.log").isTrue();
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(endpoint).GET()
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("S3Mock did not answer within " + START_TIMEOUT);
    }

    @AfterAll
    static void stopS3Mock() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (io != null) {
            io.dispose();
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void putGetByUrlAndSdkThenDelete() throws Exception {
        String key = "products/" + UUID.randomUUID() + "/" + UUID.randomUUID() + ".png";
        byte[] content = ("\u0089PNG pretend image " + UUID.randomUUID()).getBytes(StandardCharsets.ISO_8859_1);

        storage.put(key, content, "image/png").block(Duration.ofSeconds(30));

        assertThat(storage.url(key)).isEqualTo(endpoint + "/" + BUCKET + "/" + key);
        HttpResponse<byte[]> viaUrl = HTTP.send(HttpRequest.newBuilder(URI.create(storage.url(key))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(viaUrl.statusCode()).isEqualTo(200);
        assertThat(viaUrl.body()).isEqualTo(content);
        assertThat(viaUrl.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(viaUrl.headers().firstValue("Cache-Control")).hasValue(S3ImageStorage.CACHE_CONTROL);
        assertThat(storage.get(key).block(Duration.ofSeconds(30))).isEqualTo(content);

        storage.delete(key).block(Duration.ofSeconds(30));
        assertThat(storage.get(key).blockOptional(Duration.ofSeconds(30))).isEmpty();
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(storage.url(key))).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        // Deleting what is gone is fine (a retried delete, a second cleanup).
        storage.delete(key).block(Duration.ofSeconds(30));
    }

    @Test
    void publicUrlsFollowTheAddressingStyle() {
        URI minio = URI.create("http://minio.internal:9000");
        assertThat(S3ImageStorage.publicUrl(new ProductMediaProperties.S3("b", "eu-west-1", minio, true, null, null, null)))
                .isEqualTo("http://minio.internal:9000/b");
        assertThat(S3ImageStorage.publicUrl(new ProductMediaProperties.S3("b", "eu-west-1", minio, false, null, null, null)))
                .isEqualTo("http://b.minio.internal:9000");
        assertThat(S3ImageStorage.publicUrl(new ProductMediaProperties.S3("b", "eu-west-1", null, false, null, null, null)))
                .isEqualTo("https://b.s3.eu-west-1.amazonaws.com");
        assertThat(S3ImageStorage.publicUrl(new ProductMediaProperties.S3("b", "eu-west-1", null, false, null, null,
                "https://cdn.example.com/media"))).isEqualTo("https://cdn.example.com/media");
        assertThat(List.of(storage.url("a/b.jpg"))).containsExactly(endpoint + "/" + BUCKET + "/a/b.jpg");
    }
}
