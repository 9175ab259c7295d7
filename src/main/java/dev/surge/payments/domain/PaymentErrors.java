package dev.surge.payments.domain;

import dev.surge.payments.PaymentProviderRejected;
import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.errors.UnprocessableException;
import java.util.List;

/** Typed errors of payments; {@code ProblemExceptionHandler} maps their kinds to statuses. */
public final class PaymentErrors {

    public static final String PAYMENT_NOT_FOUND = "payment_not_found";
    public static final String ORDER_NOT_FOUND = "order_not_found";
    public static final String ORDER_NOT_PAYABLE = "order_not_payable";
    public static final String NOT_REFUNDABLE = "payment_not_refundable";
    public static final String OVER_REFUND = "over_refund";
    public static final String REFUND_NOT_FOUND = "refund_not_found";
    public static final String REFUND_NOT_RETRYABLE = "refund_not_retryable";
    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String MALFORMED_FORM = "malformed_form";
    public static final String NOT_FOUND = "not_found";
    public static final String SANDBOX_PAYMENT_NOT_FOUND = "sandbox_payment_not_found";
    public static final String SANDBOX_PAYMENT_COMPLETED = "sandbox_payment_completed";

    private PaymentErrors() {
    }

    /** No such payment, or not one the caller may see (the same answer, so ids cannot be probed). */
    public static final class PaymentNotFound extends NotFoundException {
        public PaymentNotFound() {
            super(PAYMENT_NOT_FOUND, "No such payment");
        }
    }

    /** No such order, or not the caller's. */
    public static final class OrderNotFound extends NotFoundException {
        public OrderNotFound() {
            super(ORDER_NOT_FOUND, "No such order");
        }
    }

    /** Only an order pending payment takes a payment. */
    public static final class OrderNotPayable extends ConflictException {
        public OrderNotPayable(String status) {
            super(ORDER_NOT_PAYABLE, "The order is " + status + ", not pending payment");
        }
    }

    /** Only a succeeded payment can be refunded. */
    public static final class NotRefundable extends ConflictException {
        public NotRefundable(String status) {
            super(NOT_REFUNDABLE, "The payment is " + status + "; only a succeeded payment can be refunded");
        }
    }

    /** No such refund of the payment. 404. */
    public static final class RefundNotFound extends NotFoundException {
        public RefundNotFound() {
            super(REFUND_NOT_FOUND, "No such refund of this payment");
        }
    }

    /** Only a failed refund is tried again. 409. */
    public static final class RefundNotRetryable extends ConflictException {
        public RefundNotRetryable(String status) {
            super(REFUND_NOT_RETRYABLE, "The refund is " + status + "; only a failed refund can be tried again");
        }
    }

    /** The refund would give back more than was paid (counting refunds still pending). 422. */
    public static final class OverRefund extends UnprocessableException {
        public OverRefund(long remaining, String currency) {
            super(OVER_REFUND, "At most " + remaining + " (minor units of " + currency + ") is left to refund");
        }
    }

    /** A payment request without an order id or with a malformed provider name. */
    public static final class InvalidPaymentRequest extends InvalidInputException {
        public InvalidPaymentRequest(List<FieldViolation> violations) {
            super(VALIDATION_FAILED, "The payment request is not valid", violations);
        }
    }

    /** A caller who is not signed in pays as a guest, with the order's email and access token. */
    public static final class GuestCredentialsRequired extends InvalidInputException {
        public GuestCredentialsRequired() {
            super(VALIDATION_FAILED, "A guest pays with the order's email and access token", List.of(
                    new FieldViolation("email", "required", "The order's email"),
                    new FieldViolation("token", "required", "The order's access token")));
        }
    }

    /** A refund of zero or less. */
    public static final class InvalidRefundAmount extends InvalidInputException {
        public InvalidRefundAmount() {
            super(VALIDATION_FAILED, "The refund is not valid",
                    List.of(new FieldViolation("amountMinor", "invalid", "More than zero, or absent for all that is left")));
        }
    }

    /** A reconciliation window that ends before it starts. */
    public static final class InvalidReconciliationWindow extends InvalidInputException {
        public InvalidReconciliationWindow() {
            super(VALIDATION_FAILED, "from must be before to", List.of(new FieldViolation("from", "invalid", "Before to")));
        }
    }

    /** A webhook for a provider that is not an enabled gateway here. */
    public static final class NoWebhookEndpoint extends NotFoundException {
        public NoWebhookEndpoint(String provider) {
            super(NOT_FOUND, "No webhook endpoint for " + provider);
        }
    }

    /** The sandbox's endpoints while the sandbox is off. */
    public static final class SandboxNotEnabled extends NotFoundException {
        public SandboxNotEnabled() {
            super(NOT_FOUND, "The payment sandbox is not enabled");
        }
    }

    /** No sandbox payment of that reference. */
    public static final class SandboxPaymentNotFound extends NotFoundException {
        public SandboxPaymentNotFound(String reference) {
            super(SANDBOX_PAYMENT_NOT_FOUND, "No sandbox payment " + reference);
        }
    }

    /** A sandbox payment that was completed the other way already. */
    public static final class SandboxPaymentCompleted extends ConflictException {
        public SandboxPaymentCompleted(String reference, String status) {
            super(SANDBOX_PAYMENT_COMPLETED, "Sandbox payment " + reference + " is already " + status);
        }
    }

    /** An outcome of a sandbox payment other than SUCCEED or FAIL. */
    public static final class UnknownSandboxOutcome extends InvalidInputException {
        public UnknownSandboxOutcome() {
            super(VALIDATION_FAILED, "Unknown outcome", List.of(new FieldViolation("outcome", "invalid", "SUCCEED or FAIL")));
        }
    }

    /** A form body that is not valid URL encoding ({@code %ZZ}). */
    public static final class MalformedForm extends InvalidInputException {
        public MalformedForm() {
            super(MALFORMED_FORM, "The form is not valid application/x-www-form-urlencoded", List.of());
        }
    }

    /** The sandbox, as a provider, knows no payment of that reference (what a real provider answers 404). */
    public static final class SandboxReferenceUnknown extends PaymentProviderRejected {
        public SandboxReferenceUnknown(String reference) {
            super("sandbox", 404, "resource_missing", "No sandbox payment " + reference);
        }
    }
}
