package dev.surge.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmailTemplatesTests {

    @Test
    void htmlEscapesEveryValue() {
        String html = EmailTemplates.fill("<p>Hi {{name}}, from {{ device }}</p>",
                Map.of("name", "<script>alert('x')</script>", "device", "Tom & \"Jerry\""), true);

        assertThat(html).isEqualTo("<p>Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;, from Tom &amp; &quot;Jerry&quot;</p>");
    }

    @Test
    void textKeepsValuesAsTheyAre() {
        assertThat(EmailTemplates.fill("Hi {{name}}!", Map.of("name", "<Zoë & co>"), false)).isEqualTo("Hi <Zoë & co>!");
    }

    @Test
    void aValueCannotAddLines() {
        assertThat(EmailTemplates.fill("Device: {{device}}", Map.of("device", "curl\r\nBcc: x@y.z"), false))
                .isEqualTo("Device: curl  Bcc: x@y.z");
    }

    @Test
    void placeholderSyntaxInAValueIsNotExpandedAgain() {
        assertThat(EmailTemplates.fill("{{a}}", Map.of("a", "{{b}} $1 \\", "b", "no"), false)).isEqualTo("{{b}} $1 \\");
    }

    @Test
    void aPlaceholderWithoutAValueFails() {
        assertThatThrownBy(() -> EmailTemplates.fill("Hi {{name}}", Map.of(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{name}}");
    }

    @Test
    void aMissingTemplateFailsAtStartUp() {
        assertThatThrownBy(() -> new EmailTemplates("notifications/templates", "no-such-template"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-template.txt");
    }

    @Test
    void aFileInTheOverrideDirectoryReplacesTheBuiltInTemplateAndItsPartials(@TempDir Path dir) throws Exception {
        EmailTemplates templates = new EmailTemplates("notifications/templates", dir, "new-device");
        Map<String, Object> values = Map.of("name", "Ada", "device", "curl", "ipAddress", "10.0.0.1",
                "signedInAt", "now", "store", Map.of("name", "Kettle & Co", "logoUrl", "", "supportEmail", "help@x.example"));
        assertThat(templates.render("new-device", values).text()).contains("Hi Ada,").contains("Kettle & Co");

        Files.writeString(dir.resolve("new-device.txt"), "Custom for {{name}}\n{{> _footer.txt}}");
        Files.writeString(dir.resolve("_footer.html"), "<footer>{{store.name}}</footer>");

        EmailTemplates.Rendered rendered = templates.render("new-device", values);
        assertThat(rendered.text()).startsWith("Custom for Ada").contains("help@x.example");
        assertThat(rendered.html()).contains("Hi Ada,").contains("<footer>Kettle &amp; Co</footer>")
                .doesNotContain("Questions?");
    }

    @Test
    void anOptionalPartIsASectionAndANullValueIsEmpty() {
        assertThat(EmailTemplates.fill("a{{#logo}}<img src=\"{{logo}}\">{{/logo}}b", Map.of("logo", ""), true))
                .isEqualTo("ab");
        assertThat(EmailTemplates.fill("a{{#logo}}[{{logo}}]{{/logo}}b", Map.of("logo", "x"), false)).isEqualTo("a[x]b");
        java.util.Map<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("reason", null);
        assertThat(EmailTemplates.fill("[{{reason}}]", withNull, false)).isEqualTo("[]");
    }
}
