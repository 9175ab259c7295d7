package dev.surge.payments.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Payment providers: which are on, how to reach them, how to check their webhooks, how patient to be
 * with them, and which one takes which currency. Every secret comes from the environment; with none set,
 * Stripe and Paystack are off and only the sandbox (local run) takes payments.
 *
 * @param routing  which gateway a payment in a given currency goes to
 * @param stripe   the Stripe gateway
 * @param paystack the Paystack gateway
 * @param sandbox  the local stand-in provider, for the local run and demos only
 * @param processing      retries of stored webhook events that could not be applied at once
 * @param reconciliation  the scheduled comparison with the providers' transaction lists
 * @param cancellations   cancelling at the provider the open payments of orders that expired or were cancelled
 * @param autoRefunds     refunding payments that did not pay their order (late, second, wrong amount)
 */
@ConfigurationProperties("surge.payments")
public record PaymentsProperties(
        @DefaultValue Routing routing,
        @DefaultValue Stripe stripe,
        @DefaultValue Paystack paystack,
        @DefaultValue Sandbox sandbox,
        @DefaultValue Processing processing,
        @DefaultValue Reconciliation reconciliation,
        @DefaultValue Job cancellations,
        @DefaultValue Job autoRefunds) {

    /**
     * A job driven by rows in PostgreSQL, run by every instance: each round claims due rows (one instance
     * per row, for {@code lease}), tries each, and on failure tries it again after a backoff that doubles from
     * {@code initialBackoff} up to {@code maxBackoff}; after {@code maxAttempts} tries it gives up (logged at
     * ERROR, audited, counted) and leaves the row to staff. The defaults give about three hours of tries.
     *
     * @param interval how often each instance looks for due rows
     * @param batch    rows claimed per round
     * @param lease    how long a claimed row is kept from the other instances: longer than one try can take
     *                 (a provider call with its retries), so a row is never tried twice at once
     */
    public record Job(
            @DefaultValue("30s") Duration interval,
            @DefaultValue("50") int batch,
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("30s") Duration initialBackoff,
            @DefaultValue("1h") Duration maxBackoff,
            @DefaultValue("5m") Duration lease) {

        /** The wait before the next try, after {@code attempts} tries. */
        public Duration backoff(int attempts) {
            Duration wait = initialBackoff.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /**
     * How stored webhook events that could not be applied at once are applied later (a webhook that raced
     * its payment's creation, or our own failure). They are retried from storage, never by asking the
     * provider to redeliver.
     *
     * @param retryInterval how often each instance looks for due events
     * @param retryBatch    events taken per round
     * @param maxBackoff    longest wait between two tries of one event (the wait doubles from 1 s)
     * @param unknownPaymentAttempts tries after which an event whose payment Surge still does not know (a payment
     *                      made outside Surge, or a lost insert) is set aside as a dead letter: processed with
     *                      outcome {@code dead_letter}, its last error kept, logged at ERROR and counted
     *                      ({@code surge.payments.webhook.events{outcome="dead_letter"}}); about 3 hours with the
     *                      default backoff
     * @param inlineApplies webhook deliveries per instance whose event is applied while they wait for their answer;
     *                      in a burst beyond that, a delivery is answered once its event is stored, and the retry job
     *                      applies the event (woken at once, not at the next interval). 1: a delivery that arrives
     *                      alone is applied before its answer; under load the apply work is the same, only the
     *                      answers stop waiting for it (docs/performance.md, eleventh pass)
     * @param retryConcurrency events the retry job applies at once; a round goes on taking batches while they
     *                      come full
     */
    public record Processing(
            @DefaultValue("10s") Duration retryInterval,
            @DefaultValue("100") int retryBatch,
            @DefaultValue("10m") Duration maxBackoff,
            @DefaultValue("28") int unknownPaymentAttempts,
            @DefaultValue("1") int inlineApplies,
            @DefaultValue("4") int retryConcurrency) {
    }

    /**
     * Comparing the providers' lists of transactions with our payments. One instance per round runs it.
     *
     * @param enabled  whether the scheduled run happens (the admin endpoint runs it regardless)
     * @param interval how often it runs
     * @param window   how far back each run looks
     * @param settle   payments younger than this are left out (still in flight between provider and us)
     */
    public record Reconciliation(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("24h") Duration interval,
            @DefaultValue("48h") Duration window,
            @DefaultValue("5m") Duration settle) {
    }

    /**
     * @param defaultProvider the gateway of currencies not listed, when enabled
     * @param currencies      ISO currency → gateway name; a currency whose gateway is off falls back to
     *                        {@code defaultProvider}. Default: NGN, GHS, ZAR, KES → paystack
     */
    public record Routing(@DefaultValue("stripe") String defaultProvider, Map<String, String> currencies) {

        public Routing {
            Map<String, String> normalised = new TreeMap<>();
            (currencies == null ? Map.of("NGN", "paystack", "GHS", "paystack", "ZAR", "paystack", "KES", "paystack")
                    : currencies).forEach((currency, provider) -> normalised.put(
                            currency.trim().toUpperCase(Locale.ROOT), provider.trim().toLowerCase(Locale.ROOT)));
            currencies = Map.copyOf(normalised);
            defaultProvider = defaultProvider.trim().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Outbound HTTP to a provider.
     *
     * @param connectTimeout  how long to wait for a TCP (and TLS) connection
     * @param responseTimeout how long one attempt may take from sending to the last byte of the answer;
     *                        past it the attempt fails (and is retried only if the call is idempotent)
     */
    public record Http(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration responseTimeout) {
    }

    /**
     * How a gateway treats a provider that fails. Failures are timeouts, connection errors and 5xx answers;
     * a 4xx is the provider answering, never retried and never counted against it.
     *
     * @param maxAttempts             tries of an idempotent call, the first included (1: no retry)
     * @param initialBackoff          wait before the first retry; doubled for each next one, with jitter
     * @param maxBackoff              longest wait between two tries
     * @param failureRateThreshold    percentage of failed calls in the window that opens the breaker
     * @param slidingWindowSize       calls the failure rate is measured over
     * @param minimumNumberOfCalls    calls needed in the window before the rate counts
     * @param openDuration            how long an open breaker refuses calls before letting a few through;
     *                                also the {@code Retry-After} of refusals while open
     * @param halfOpenCalls           trial calls let through after {@code openDuration}
     */
    public record Resilience(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2s") Duration maxBackoff,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("30s") Duration openDuration,
            @DefaultValue("3") int halfOpenCalls) {
    }

    /**
     * @param enabled          on/off; unset: on exactly when {@code secretKey} is set
     * @param baseUrl          Stripe's API (a stand-in in tests)
     * @param secretKey        API secret key ({@code sk_live_...}/{@code sk_test_...}): {@code SURGE_STRIPE_SECRET_KEY}
     * @param webhookSecrets   signing secrets of the webhook endpoint ({@code whsec_...}), comma separated;
     *                         during a rotation list the new and the old one: {@code SURGE_STRIPE_WEBHOOK_SECRETS}
     * @param webhookTolerance oldest signature timestamp accepted (Stripe's libraries default to 5 minutes)
     * @param apiVersion       {@code Stripe-Version} sent with each call; empty: the account's default
     * @param pageSize         PaymentIntents per list call (Stripe allows 1-100)
     */
    public record Stripe(
            Boolean enabled,
            @DefaultValue("https://api.stripe.com") URI baseUrl,
            String secretKey,
            List<String> webhookSecrets,
            @DefaultValue("5m") Duration webhookTolerance,
            String apiVersion,
            @DefaultValue("100") int pageSize,
            @DefaultValue Http http,
            @DefaultValue Resilience resilience) {

        public Stripe {
            webhookSecrets = secrets(webhookSecrets);
        }
    }

    /**
     * @param enabled     on/off; unset: on exactly when {@code secretKey} is set
     * @param baseUrl     Paystack's API (a stand-in in tests)
     * @param secretKey   secret key ({@code sk_live_...}); also the HMAC key of its webhooks:
     *                    {@code SURGE_PAYSTACK_SECRET_KEY}
     * @param callbackUrl where Paystack sends the shopper after paying, unless the payment names its own:
     *                    {@code SURGE_PAYSTACK_CALLBACK_URL}
     * @param pageSize    transactions per list call
     */
    public record Paystack(
            Boolean enabled,
            @DefaultValue("https://api.paystack.co") URI baseUrl,
            String secretKey,
            String callbackUrl,
            @DefaultValue("100") int pageSize,
            @DefaultValue Http http,
            @DefaultValue Resilience resilience) {
    }

    /**
     * @param enabled          on in the local run only ({@code SURGE_PAYMENTS_SANDBOX_ENABLED}); never in production
     * @param webhookUrl       where it delivers its signed webhooks; empty: this instance's own
     *                         {@code http://127.0.0.1:<port>/api/v1/webhooks/sandbox}
     * @param payUrl           the shopper's "pay" page, {@code {reference}} replaced by the payment's; empty:
     *                         {@code http://localhost:<port>/api/v1/sandbox/payments/{reference}}
     * @param returnUrl        where the pay page sends the shopper after Pay or Fail (the storefront's order page),
     *                         with {@code reference}, {@code payment} and {@code status} added to its query;
     *                         empty: the pay page shows the result itself ({@code SURGE_SANDBOX_RETURN_URL})
     * @param webhookSecret    signing secret of its webhooks; empty: random per process, which works because
     *                         an instance delivers to itself; set it ({@code SURGE_SANDBOX_WEBHOOK_SECRET},
     *                         same everywhere) when {@code webhookUrl} is a load balancer
     * @param webhookTolerance oldest signature timestamp accepted
     * @param retention        how long sandbox payments stay in Redis
     * @param http             timeouts of the webhook delivery
     */
    public record Sandbox(
            @DefaultValue("false") boolean enabled,
            String webhookUrl,
            String payUrl,
            String returnUrl,
            String webhookSecret,
            @DefaultValue("5m") Duration webhookTolerance,
            @DefaultValue("7d") Duration retention,
            @DefaultValue Http http) {
    }

    private static List<String> secrets(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(StringUtils::hasText).map(String::trim).toList();
    }
}
