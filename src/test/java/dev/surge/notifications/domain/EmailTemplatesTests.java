package dev.surge.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
