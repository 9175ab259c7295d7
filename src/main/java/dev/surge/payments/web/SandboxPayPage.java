package dev.surge.payments.web;

import dev.surge.payments.gateway.ProviderPaymentStatus;
import dev.surge.payments.sandbox.SandboxGateway.PayPage;
import dev.surge.platform.crypto.Sha256;
import dev.surge.platform.persistence.Money;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The sandbox's pay page, as a shopper sent to a payment's {@code authorizationUrl} sees it: the order,
 * the amount, and two buttons, Pay and Fail. Plain HTML forms, no script and nothing loaded from elsewhere;
 * its content policy allows only its own style block (by hash) and form posts back to Surge (and, when one
 * is configured, the storefront's return URL the post redirects to, since browsers hold redirects of a form
 * post to {@code form-action}).
 */
final class SandboxPayPage {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:30rem;margin:3rem auto;"
            + "padding:0 1rem;color:#1b1b1b}h1{font-size:1.3rem}.amount{font-size:2rem;margin:.5rem 0 1.5rem}"
            + "form{display:inline-block;margin-right:.75rem}button{font-size:1rem;padding:.6rem 1.4rem;border-radius:6px;"
            + "border:1px solid #555;cursor:pointer}#pay{background:#1a7f37;color:#fff;border-color:#1a7f37}"
            + ".note{color:#555;font-size:.85rem;margin-top:2rem}.result{font-size:1.2rem}";

    private static final String STYLE_HASH = "'sha256-" + sha256(STYLE) + "'";

    private SandboxPayPage() {
    }

    /** A browser asking for a page (its Accept names text/html), as opposed to an API client. */
    static boolean wantsHtml(ServerRequest request) {
        List<MediaType> accepted = request.headers().accept();
        for (MediaType type : accepted) {
            if (!type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML)) {
                return true;
            }
        }
        return false;
    }

    /** Its content policy: its own style, form posts to Surge and to where they redirect. */
    static String contentSecurityPolicy(PayPage page) {
        String formAction = "'self'";
        if (page.returnUrl() != null && page.returnUrl().getScheme() != null && page.returnUrl().getHost() != null) {
            URI r = page.returnUrl();
            formAction += " " + r.getScheme() + "://" + r.getHost() + (r.getPort() == -1 ? "" : ":" + r.getPort());
        }
        return "default-src 'none'; style-src " + STYLE_HASH + "; form-action " + formAction
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    /** Where the shopper goes after completing it: the return URL with the outcome, or back to this page. */
    static URI after(PayPage page, String payPagePath) {
        if (page.returnUrl() == null) {
            return URI.create(payPagePath);
        }
        // The configured URL is already encoded: only the added values are, and nothing twice.
        return UriComponentsBuilder.fromUri(page.returnUrl())
                .queryParam("reference", encoded(page.payment().providerReference()))
                .queryParam("payment", encoded(page.payment().paymentReference()))
                .queryParam("status", encoded(page.payment().status().name()))
                .build(true).toUri();
    }

    private static String encoded(String value) {
        return org.springframework.web.util.UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8);
    }

    static String render(PayPage page, String completePath) {
        String order = page.orderNumber() == null ? "Payment " + page.payment().paymentReference()
                : "Order " + page.orderNumber();
        StringBuilder html = new StringBuilder(2048)
                .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Surge sandbox: ").append(esc(order)).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>")
                .append("<h1 id=\"order\">").append(esc(order)).append("</h1>")
                .append("<div class=\"amount\" id=\"amount\">").append(esc(format(page.payment().amount()))).append("</div>");
        ProviderPaymentStatus status = page.payment().status();
        if (status == ProviderPaymentStatus.PENDING) {
            html.append(button(completePath, "SUCCEED", "pay", "Pay"))
                    .append(button(completePath, "FAIL", "fail", "Fail"));
        } else {
            html.append("<p class=\"result\" id=\"result\">").append(switch (status) {
                case SUCCEEDED -> "Paid. The store has been told.";
                case FAILED -> "Payment failed. The store has been told.";
                case REVERSED -> "Paid, then refunded.";
                default -> esc(status.name());
            }).append("</p>");
            if (page.returnUrl() != null) {
                html.append("<p><a id=\"back\" href=\"").append(esc(after(page, "").toString()))
                        .append("\">Back to the shop</a></p>");
            }
        }
        return html.append("<p class=\"note\">Surge's payment sandbox: no money moves. Reference ")
                .append(esc(page.payment().providerReference())).append(".</p></body></html>\n").toString();
    }

    private static String button(String action, String outcome, String id, String label) {
        return "<form method=\"post\" action=\"" + esc(action) + "\"><input type=\"hidden\" name=\"outcome\" value=\""
                + outcome + "\"><button type=\"submit\" id=\"" + id + "\">" + label + "</button></form>";
    }

    static String format(Money money) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(money.currency()).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(money.amountMinor(), digits).toPlainString() + " " + money.currency();
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    private static String sha256(String text) {
        return Base64.getEncoder().encodeToString(Sha256.of(text));
    }
}
