package dev.surge.payments.paystack;

/** Answers shaped like Paystack's API reference (initialize, verify, refund, list, events, errors). */
final class PaystackJson {

    private PaystackJson() {
    }

    static String initialized(String reference) {
        return """
                {"status": true, "message": "Authorization URL created",
                 "data": {"authorization_url": "https://checkout.paystack.com/0peioxfhpn", "access_code": "0peioxfhpn",
                          "reference": "%s"}}""".formatted(reference);
    }

    static String transaction(long id, String reference, String status, long amount, String currency, String metadata) {
        return """
                {"id": %d, "domain": "test", "status": "%s", "reference": "%s", "receipt_number": null,
                 "amount": %d, "message": null, "gateway_response": "Successful",
                 "paid_at": "2024-08-22T09:15:02.000Z", "created_at": "2024-08-22T09:14:24.000Z",
                 "channel": "card", "currency": "%s", "ip_address": "197.210.54.33", "metadata": %s,
                 "log": null, "fees": 10283, "fees_split": null,
                 "authorization": {"authorization_code": "AUTH_uh8bcl3zbn", "bin": "408408", "last4": "4081",
                                   "exp_month": "12", "exp_year": "2030", "channel": "card", "card_type": "visa ",
                                   "bank": "TEST BANK", "country_code": "NG", "brand": "visa", "reusable": true,
                                   "signature": "SIG_yEXu7dLBeqG0kU7g95Ke", "account_name": null},
                 "customer": {"id": 181873746, "first_name": null, "last_name": null, "email": "ada@example.com",
                              "customer_code": "CUS_1rkzaqsv4rrhqo6", "phone": null, "metadata": null,
                              "risk_action": "default"},
                 "plan": null, "split": {}, "order_id": null, "paidAt": "2024-08-22T09:15:02.000Z",
                 "createdAt": "2024-08-22T09:14:24.000Z", "requested_amount": %d, "pos_transaction_data": null,
                 "source": null, "fees_breakdown": null, "transaction_date": "2024-08-22T09:14:24.000Z",
                 "plan_object": {}, "subaccount": {}}""".formatted(id, status, reference, amount, currency, metadata,
                amount);
    }

    static String verified(String transaction) {
        return """
                {"status": true, "message": "Verification successful", "data": %s}""".formatted(transaction);
    }

    static String list(int page, int pageCount, String... transactions) {
        return """
                {"status": true, "message": "Transactions retrieved", "data": [%s],
                 "meta": {"total": 3, "total_volume": 60000, "skipped": 0, "perPage": 2, "page": %d, "pageCount": %d}}"""
                .formatted(String.join(",", transactions), page, pageCount);
    }

    static String refund(long id, String reference, long amount, String status) {
        return """
                {"status": true, "message": "Refund has been queued for processing",
                 "data": {"transaction": {"id": 1004723697, "domain": "live", "reference": "%s", "amount": 10000,
                                          "paid_at": "2021-08-20T18:34:11.000Z", "channel": "card", "currency": "NGN"},
                          "integration": 412829, "deducted_amount": 0, "channel": null,
                          "merchant_note": "Refund for transaction %s", "customer_note": "Refund for transaction %s",
                          "status": "%s", "refunded_by": "finance@example.com", "expected_at": "2021-12-16T09:21:17.016Z",
                          "currency": "NGN", "domain": "live", "amount": %d, "fully_deducted": false, "id": %d,
                          "createdAt": "2021-12-07T09:21:17.122Z", "updatedAt": "2021-12-07T09:21:17.122Z"}}"""
                .formatted(reference, reference, reference, status, amount, id);
    }

    static String fetchedRefund(long id, long amount, String status) {
        return """
                {"status": true, "message": "Refund retrieved",
                 "data": {"integration": 100982, "transaction": 1641376949, "dispute": null, "settlement": null,
                          "domain": "live", "amount": %d, "deducted_amount": %d, "fully_deducted": true,
                          "currency": "NGN", "channel": "card", "status": "%s", "refunded_by": "finance@example.com",
                          "refunded_at": "2024-08-23T10:00:00.000Z", "expected_at": "2024-08-30T10:00:00.000Z",
                          "customer_note": "Refund", "merchant_note": "Refund", "id": %d,
                          "createdAt": "2024-08-23T09:00:00.000Z", "updatedAt": "2024-08-23T10:00:00.000Z"}}"""
                .formatted(amount, amount, status, id);
    }

    static String chargeSuccess(long id, String reference, long amount) {
        return """
                {"event": "charge.success",
                 "data": {"id": %d, "domain": "live", "status": "success", "reference": "%s", "amount": %d,
                          "message": null, "gateway_response": "Approved by Financial Institution",
                          "paid_at": "2024-08-22T09:15:02.000Z", "created_at": "2024-08-22T09:14:24.000Z",
                          "channel": "card", "currency": "NGN", "ip_address": "41.242.49.37",
                          "metadata": {"payment_id": "%s"}, "log": null, "fees": null,
                          "customer": {"id": 68324, "first_name": "Ada", "last_name": "L", "email": "ada@example.com",
                                       "customer_code": "CUS_qo38as2hpsgk2r0", "phone": null, "metadata": null,
                                       "risk_action": "default"},
                          "authorization": {"authorization_code": "AUTH_f5rnfq9p", "bin": "539999", "last4": "8877",
                                            "exp_month": "08", "exp_year": "2030", "card_type": "mastercard DEBIT",
                                            "bank": "Guaranty Trust Bank", "country_code": "NG", "brand": "mastercard",
                                            "account_name": "ADA L"},
                          "plan": {}}}""".formatted(id, reference, amount, reference);
    }

    static String refundProcessed(String refundId, String reference, String amount) {
        return """
                {"event": "refund.processed",
                 "data": {"status": "processed", "transaction_reference": "%s", "refund_reference": "%s",
                          "amount": "%s", "currency": "NGN", "processor": "mpgs_zen",
                          "customer": {"first_name": "Ada", "last_name": "L", "email": "ada@example.com"},
                          "integration": 463433, "domain": "live", "id": "%s"}}"""
                .formatted(reference, refundId, amount, refundId);
    }

    static String error(String message, String code) {
        return """
                {"status": false, "message": "%s", "meta": {"nextStep": "Ensure that you provide the correct reference"},
                 "type": "validation_error", "code": "%s"}""".formatted(message, code);
    }
}
