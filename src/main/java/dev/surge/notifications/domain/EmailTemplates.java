package dev.surge.notifications.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.util.HtmlUtils;

/**
 * The smallest renderer that is safe for user input: a template is a classpath file with {@code {{name}}}
 * placeholders, nothing else (no expressions, no loops, no includes). In the HTML version every value is
 * HTML-escaped, so a display name such as {@code <script>} arrives as text; in both versions control
 * characters are replaced by spaces, so a value cannot add lines. A placeholder without a value fails,
 * rather than sending an email with a hole in it.
 * <p>
 * Templates live in {@code notifications/templates/<name>.txt} and {@code <name>.html}, and are read once,
 * at start-up, so rendering does no I/O.
 */
final class EmailTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** Both bodies of one email. */
    record Rendered(String text, String html) {
    }

    private final String location;
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    /** @param location classpath folder of the templates, e.g. {@code notifications/templates} */
    EmailTemplates(String location, String... names) {
        this.location = location;
        for (String name : names) {
            sources.put(name + ".txt", read(name + ".txt"));
            sources.put(name + ".html", read(name + ".html"));
        }
    }

    Rendered render(String name, Map<String, String> values) {
        return new Rendered(fill(source(name + ".txt"), values, false), fill(source(name + ".html"), values, true));
    }

    private String source(String file) {
        String source = sources.get(file);
        if (source == null) {
            throw new IllegalArgumentException("No email template " + location + "/" + file);
        }
        return source;
    }

    static String fill(String template, Map<String, String> values, boolean html) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (matcher.find()) {
            String key = matcher.group(1);
            String value = values.get(key);
            if (value == null) {
                throw new IllegalArgumentException("No value for {{" + key + "}} in email template");
            }
            String clean = CONTROL.matcher(value).replaceAll(" ");
            matcher.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(clean,
                    StandardCharsets.UTF_8.name()) : clean));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String read(String file) {
        try (InputStream in = new ClassPathResource(location + "/" + file).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read email template " + location + "/" + file, e);
        }
    }
}
