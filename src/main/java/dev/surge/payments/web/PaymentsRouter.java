package dev.surge.payments.web;

import dev.surge.platform.idempotency.Idempotency;
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Paying orders, refunds, provider webhooks, the sandbox's pay page, reconciliation and the disputes queue. */
@Configuration(proxyBeanMethods = false)
class PaymentsRouter {

    @Bean
    RouterFunction<ServerResponse> paymentRoutes(PaymentsHandler payments, PaymentWebhookHandler webhooks,
            SandboxPaymentsHandler sandbox, ReconciliationHandler reconciliation, DisputesHandler disputes,
            Idempotency idempotency) {
        // Guests have no identity before the body is read; the body fingerprint (order id, email, token) still
        // keeps one guest's answer from another's under the shared guest scope.
        var payerKeyed = idempotency.required(Idempotency.callerOr(request -> "guest-payments"));
        var staffKeyed = idempotency.required(Idempotency.caller());
        return SpringdocRouteBuilder.route()
                .POST("/api/v1/payments", payerKeyed.apply(payments::create), PaymentsApiDocs::create)
                .GET("/api/v1/payments/{paymentId}", payments::get, PaymentsApiDocs::get)
                .POST("/api/v1/payments/{paymentId}/verify", payments::verify, PaymentsApiDocs::verify)
                .POST("/api/v1/payments/{paymentId}/refunds", staffKeyed.apply(payments::refund), PaymentsApiDocs::refund)
                .POST("/api/v1/payments/{paymentId}/refunds/{refundId}/retry", staffKeyed.apply(payments::retryRefund),
                        PaymentsApiDocs::retryRefund)
                .POST("/api/v1/webhooks/{provider}", webhooks::webhook, PaymentsApiDocs::webhook)
                .GET("/api/v1/sandbox/payments/{reference}", sandbox::sandboxPayment, PaymentsApiDocs::sandboxPayment)
                .POST("/api/v1/sandbox/payments/{reference}/complete", sandbox::completeSandboxPayment,
                        PaymentsApiDocs::completeSandboxPayment)
                .GET("/api/v1/admin/payments/reconciliation.csv", reconciliation::reconciliationReport,
                        PaymentsApiDocs::reconciliationReport)
                .POST("/api/v1/admin/payments/reconciliation/runs", reconciliation::reconcileNow,
                        PaymentsApiDocs::reconcileNow)
                .GET("/api/v1/admin/payments/disputes", disputes::disputes, PaymentsApiDocs::disputes)
                .build();
    }
}
