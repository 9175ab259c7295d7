package dev.surge.notifications.domain;

import dev.surge.notifications.config.NotificationsProperties;
import dev.surge.orders.OrderDetails;
import dev.surge.platform.persistence.Money;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The values order templates show: {@code order.*} (number, link, lines, subtotal, shipping, tax, total, address),
 * a merchant's share of the lines, and the links (the order's page, paying again, the carrier's tracking page),
 * each amount written by {@link Formats}. Only data goes in: the templates escape it.
 */
@Component
class OrderModels {

    private final NotificationsProperties properties;

    OrderModels(NotificationsProperties properties) {
        this.properties = properties;
    }

    /** The order as every order template shows it, under {@code order}; add the email's own values to it. */
    Map<String, Object> of(OrderDetails order) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("number", order.number());
        values.put("link", orderLink(order.id()));
        values.put("lines", order.lines().stream().map(OrderModels::line).toList());
        values.put("subtotal", Formats.amount(order.subtotal()));
        values.put("shipping", Formats.amount(order.shipping()));
        values.put("tax", Formats.amount(order.tax()));
        values.put("taxLabel", order.pricesIncludeTax() ? "Tax (included)" : "Tax");
        values.put("total", Formats.amount(order.total()));
        if (order.shippingAddress() != null) {
            values.put("address", address(order.shippingAddress()));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("order", values);
        return model;
    }

    /** The order with only {@code merchantId}'s lines under {@code lines}, their count and total, and the merchant's name. */
    Map<String, Object> forMerchant(OrderDetails order, UUID merchantId, String merchantName) {
        Map<String, Object> model = of(order);
        List<OrderDetails.Line> theirs = order.lines().stream().filter(line -> merchantId.equals(line.merchantId())).toList();
        long total = theirs.stream().mapToLong(line -> line.lineTotal().amountMinor()).sum();
        List<Map<String, Object>> lines = theirs.stream().map(OrderModels::line).toList();
        // Another merchant's lines are not this one's business, even in a template a store overrides.
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) model.get("order");
        values.put("lines", lines);
        model.put("merchant", merchantName);
        model.put("lines", lines);
        model.put("lineCount", Integer.toString(theirs.size()));
        model.put("linesTotal", Formats.amount(new Money(total, order.total().currency())));
        return model;
    }

    String orderLink(UUID orderId) {
        return properties.linkBase() + "/orders/" + orderId;
    }

    String payAgainLink(UUID orderId) {
        return properties.linkBase() + "/orders/" + orderId + "/pay";
    }

    /** The carrier's tracking page for the number: a configured one for the carrier, else the default. */
    String trackingLink(String carrier, String trackingNumber) {
        String key = carrier == null ? "" : carrier.strip().toLowerCase(Locale.ROOT);
        String pattern = properties.trackingUrls().getOrDefault(key, properties.defaultTrackingUrl());
        return pattern.replace("{carrier}", encode(carrier == null ? "" : carrier.strip()))
                .replace("{number}", encode(trackingNumber == null ? "" : trackingNumber.strip()));
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> line(OrderDetails.Line line) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("title", line.productTitle());
        values.put("variant", line.variantTitle() == null ? "" : line.variantTitle());
        values.put("sku", line.sku());
        values.put("quantity", Integer.toString(line.quantity()));
        values.put("unitPrice", Formats.amount(line.unitPrice()));
        values.put("lineTotal", Formats.amount(line.lineTotal()));
        return values;
    }

    private static Map<String, Object> address(OrderDetails.Address address) {
        List<String[]> parts = new ArrayList<>();
        parts.add(new String[] {"name", address.name()});
        parts.add(new String[] {"line1", address.line1()});
        parts.add(new String[] {"line2", address.line2()});
        parts.add(new String[] {"city", address.city()});
        parts.add(new String[] {"region", address.region()});
        parts.add(new String[] {"postalCode", address.postalCode()});
        parts.add(new String[] {"country", address.country()});
        Map<String, Object> values = new LinkedHashMap<>();
        parts.forEach(part -> values.put(part[0], part[1] == null ? "" : part[1]));
        return values;
    }
}
