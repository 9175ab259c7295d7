package dev.surge.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code .http} file in the VS Code REST Client format (which IntelliJ's HTTP client also reads, except
 * the {@code {{name.response...}}} references): {@code @var = value} lines, requests separated by {@code ###},
 * {@code # @name x} to name a request whose answer later requests read, then the request line, the headers, a
 * blank line and the body. Three more comment directives, ignored by the editors, say what the test expects:
 * {@code # @expect 201}, {@code # @expect-body $.status PAID} (a JSONPath and the value it must give) and
 * {@code # @retry} (ask again until the expectations hold: for what Surge does after answering, such as a webhook).
 */
public record HttpFile(Path path, Map<String, String> variables, List<Request> requests) {

    public record Request(String title, String name, String method, String url, Map<String, String> headers,
            String body, int expectedStatus, Map<String, String> expectedBody, boolean retry) {
    }

    public static HttpFile parse(Path path) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        List<Request> requests = new ArrayList<>();
        List<List<String>> blocks = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<String> current = null;
        for (String line : Files.readAllLines(path)) {
            if (line.startsWith("###")) {
                current = new ArrayList<>();
                blocks.add(current);
                titles.add(line.substring(3).trim());
            } else if (current == null) {
                if (line.startsWith("@")) {
                    int eq = line.indexOf('=');
                    variables.put(line.substring(1, eq).trim(), line.substring(eq + 1).trim());
                }
            } else {
                current.add(line);
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            requests.add(request(titles.get(i), blocks.get(i)));
        }
        return new HttpFile(path, variables, requests);
    }

    private static Request request(String title, List<String> lines) {
        String name = null;
        String method = null;
        String url = null;
        int expected = 0;
        boolean retry = false;
        Map<String, String> expectedBody = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        boolean inBody = false;
        for (String line : lines) {
            String trimmed = line.trim();
            if (inBody) {
                body.append(line).append('\n');
            } else if (trimmed.startsWith("#") || trimmed.startsWith("//")) {
                String comment = trimmed.replaceFirst("^(#|//)\\s*", "");
                String[] words = comment.split("\\s+", 3);
                switch (words[0]) {
                    case "@name" -> name = words[1];
                    case "@expect" -> expected = Integer.parseInt(words[1]);
                    case "@expect-body" -> expectedBody.put(words[1], words[2]);
                    case "@retry" -> retry = true;
                    default -> { }
                }
            } else if (method == null) {
                if (!trimmed.isEmpty()) {
                    String[] parts = trimmed.split("\\s+");
                    method = parts[0];
                    url = parts[1];
                }
            } else if (trimmed.isEmpty()) {
                inBody = true;
            } else {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        if (method == null) {
            throw new IllegalArgumentException("no request line under ### " + title);
        }
        return new Request(title, name, method, url, headers, body.toString().strip(), expected, expectedBody, retry);
    }
}
