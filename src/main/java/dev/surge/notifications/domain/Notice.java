package dev.surge.notifications.domain;

import java.util.Map;
import java.util.UUID;

/**
 * One email an event calls for, before it is recorded: to whom, which template with which values, and what it is
 * about (the order, the merchant) for the admin list.
 */
record Notice(String recipient, String template, String subject, Map<String, Object> model, UUID orderId,
        UUID merchantId) {
}
