package dev.surge;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.surge.support.HttpFile;
import dev.surge.support.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * The request collection in {@code http/} (README, "Request collection") runs against this server, request by
 * request, as an editor would run it: file variables, {@code {{$guid}}}, and values read from earlier answers
 * ({@code {{login.response.body.$.accessToken}}}, {@code {{cart.response.headers.X-Cart-Token}}}). Each request
 * must answer what its {@code # @expect} says (any 2xx without one), so the collection cannot rot.
 */
class RequestCollectionIntegrationTests extends IntegrationTest {

    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");
    private static final int RETRIES = 120;

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> everyRequestOfEveryFileAnswersAsExpected() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("http"))) {
            files = listed.filter(file -> file.toString().endsWith(".http")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> run(file)));
    }

    private void run(Path file) throws IOException {
        HttpFile parsed = HttpFile.parse(file);
        assertThat(parsed.requests()).isNotEmpty();
        Map<String, String> variables = new HashMap<>(parsed.variables());
        variables.put("host", "http://127.0.0.1:" + port);   // the file's own host is the local run's
        Map<String, EntityExchangeResult<byte[]>> answers = new HashMap<>();
        for (HttpFile.Request request : parsed.requests()) {
            EntityExchangeResult<byte[]> answer = sendUntilMet(request, variables, answers);
            String what = file.getFileName() + " ### " + request.title() + ": " + answer.getStatus() + " "
                    + new String(answer.getResponseBodyContent() == null ? new byte[0] : answer.getResponseBodyContent(),
                            StandardCharsets.UTF_8);
            if (request.expectedStatus() == 0) {
                assertThat(answer.getStatus().is2xxSuccessful()).as(what).isTrue();
            } else {
                assertThat(answer.getStatus().value()).as(what).isEqualTo(request.expectedStatus());
            }
            request.expectedBody().forEach((path, value) -> assertThat(String.valueOf(read(answer, path)))
                    .as(what).isEqualTo(value));
            if (request.name() != null) {
                answers.put(request.name(), answer);
            }
        }
    }

    /** Sends once, or (with {@code # @retry}) until the expectations hold or the tries run out. */
    private EntityExchangeResult<byte[]> sendUntilMet(HttpFile.Request request, Map<String, String> variables,
            Map<String, EntityExchangeResult<byte[]>> answers) {
        EntityExchangeResult<byte[]> answer = send(request, variables, answers);
        for (int attempt = 1; request.retry() && !meets(request, answer) && attempt < RETRIES; attempt++) {
            sleep();
            answer = send(request, variables, answers);
        }
        return answer;
    }

    private EntityExchangeResult<byte[]> send(HttpFile.Request request, Map<String, String> variables,
            Map<String, EntityExchangeResult<byte[]>> answers) {
        String url = resolve(request.url(), variables, answers);
        var spec = http.method(HttpMethod.valueOf(request.method())).uri(URI.create(url));
        request.headers().forEach((name, value) -> spec.header(name, resolve(value, variables, answers)));
        String body = resolve(request.body(), variables, answers);
        var sent = body.isEmpty() ? spec : spec.bodyValue(body.getBytes(StandardCharsets.UTF_8));
        return sent.exchange().expectBody(byte[].class).returnResult();
    }

    private static boolean meets(HttpFile.Request request, EntityExchangeResult<byte[]> answer) {
        boolean status = request.expectedStatus() == 0 ? answer.getStatus().is2xxSuccessful()
                : answer.getStatus().value() == request.expectedStatus();
        return status && request.expectedBody().entrySet().stream()
                .allMatch(e -> e.getValue().equals(String.valueOf(read(answer, e.getKey()))));
    }

    private static Object read(EntityExchangeResult<byte[]> answer, String path) {
        byte[] body = answer.getResponseBodyContent();
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JsonPath.read(new String(body, StandardCharsets.UTF_8), path);
        } catch (RuntimeException notThere) {
            return null;
        }
    }

    /** Replaces every {@code {{...}}}: system variables, file variables (themselves resolved), earlier answers. */
    private static String resolve(String text, Map<String, String> variables,
            Map<String, EntityExchangeResult<byte[]>> answers) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(value(matcher.group(1), variables, answers)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String value(String reference, Map<String, String> variables,
            Map<String, EntityExchangeResult<byte[]>> answers) {
        if (reference.equals("$guid") || reference.equals("$uuid") || reference.equals("$random.uuid")) {
            return UUID.randomUUID().toString();
        }
        if (variables.containsKey(reference)) {
            return resolve(variables.get(reference), variables, answers);
        }
        String[] parts = reference.split("\\.", 4);
        assertThat(parts.length).as("{{%s}}: neither a variable nor name.response.(body|headers).x", reference)
                .isEqualTo(4);
        EntityExchangeResult<byte[]> answer = answers.get(parts[0]);
        assertThat(answer).as("{{%s}}: no earlier request is named %s", reference, parts[0]).isNotNull();
        if (parts[2].equals("headers")) {
            HttpHeaders headers = answer.getResponseHeaders();
            String header = headers.getFirst(parts[3]);
            assertThat(header).as("{{%s}}: no such header", reference).isNotNull();
            return header;
        }
        Object found = read(answer, parts[3]);
        assertThat(found).as("{{%s}}: nothing at that path", reference).isNotNull();
        return String.valueOf(found);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
