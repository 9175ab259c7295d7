package dev.surge.orders.domain;

/** A postal address; {@code country} is an ISO 3166-1 alpha-2 code, {@code region} a state or province. */
public record Address(String name, String line1, String line2, String city, String region, String postalCode,
        String country, String phone) {
}
