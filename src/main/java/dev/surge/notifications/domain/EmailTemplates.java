package dev.surge.notifications.domain;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.util.HtmlUtils;

/**
 * Mustache templates (JMustache: logic-less, nothing a template can call), each email a {@code <name>.txt} and a
 * {@code <name>.html}, with partials ({@code {{> _footer.html}}}) for what emails share. Values are escaped on the
 * way in: HTML-escaped in the HTML version, so a display name such as {@code <script>} arrives as text; in both
 * versions control characters become spaces, so a value cannot add lines. A variable without a value fails the
 * render rather than sending an email with a hole in it (optional parts are sections: {@code {{#x}}...{{/x}}}).
 * <p>
 * Built-in templates are classpath files under {@code location}, compiled once. A file of the same name in the
 * override directory replaces one (partials too); override files are read at every render, so a store edits them
 * without a rebuild or restart. Rendering reads files: callers render on the mail scheduler, never on an event loop.
 */
final class EmailTemplates {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** Both bodies of one email. */
    record Rendered(String text, String html) {
    }

    private final String location;
    private final Path overrides;
    private final Mustache.Compiler html;
    private final Mustache.Compiler text;
    private final Map<String, Template> builtIn = new ConcurrentHashMap<>();

    /**
     * @param location  classpath folder of the built-in templates, e.g. {@code notifications/templates}
     * @param overrides folder whose files replace built-in ones, or null
     * @param names     the emails that must exist (both versions), checked now so a missing one fails at start-up
     */
    EmailTemplates(String location, Path overrides, String... names) {
        this.location = location;
        this.overrides = overrides == null ? null : overrides.toAbsolutePath().normalize();
        this.html = compiler(true).withLoader(this::partial);
        this.text = compiler(false).withLoader(this::partial);
        for (String name : names) {
            read(name + ".txt");
            read(name + ".html");
        }
    }

    EmailTemplates(String location, String... names) {
        this(location, null, names);
    }

    /** Renders both versions of {@code name} with {@code model} (maps, lists, strings, booleans). */
    Rendered render(String name, Map<String, ?> model) {
        return new Rendered(execute(name + ".txt", model), execute(name + ".html", model));
    }

    private String execute(String file, Map<String, ?> model) {
        // With an override directory, compiled afresh each time: a compiled template keeps the partials it loaded.
        Template template = overrides != null ? compiler(file).compile(read(file))
                : builtIn.computeIfAbsent(file, key -> compiler(key).compile(read(key)));
        try {
            return template.execute(model);
        } catch (MustacheException.Context e) {
            throw new IllegalArgumentException("No value for {{" + e.key + "}} in email template " + file, e);
        }
    }

    /** Fills one template text: for tests of the escaping rules. */
    static String fill(String template, Map<String, ?> values, boolean asHtml) {
        try {
            return compiler(asHtml).compile(template).execute(values);
        } catch (MustacheException.Context e) {
            throw new IllegalArgumentException("No value for {{" + e.key + "}} in email template", e);
        }
    }

    private Mustache.Compiler compiler(String file) {
        return file.endsWith(".html") ? html : text;
    }

    private static Mustache.Compiler compiler(boolean asHtml) {
        return Mustache.compiler()
                .withEscaper(asHtml ? raw -> HtmlUtils.htmlEscape(clean(raw), StandardCharsets.UTF_8.name())
                        : EmailTemplates::clean)
                .nullValue("")
                .emptyStringIsFalse(true)
                .zeroIsFalse(true);
    }

    private Reader partial(String name) {
        return new StringReader(read(name));
    }

    private static String clean(String value) {
        return CONTROL.matcher(value).replaceAll(" ");
    }

    private boolean overridden(String file) {
        return overrides != null && Files.isRegularFile(overridePath(file));
    }

    private Path overridePath(String file) {
        Path path = overrides.resolve(file).normalize();
        if (!path.startsWith(overrides)) {
            throw new IllegalArgumentException("Template name outside the template directory: " + file);
        }
        return path;
    }

    /** The template's text: the override when there is one, else the built-in file. */
    String read(String file) {
        try {
            if (overridden(file)) {
                return Files.readString(overridePath(file), StandardCharsets.UTF_8);
            }
            try (InputStream in = new ClassPathResource(location + "/" + file).getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read email template " + location + "/" + file, e);
        }
    }
}
