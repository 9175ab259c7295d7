package dev.surge.identity.domain;

/** What an account may do. Visitors are anonymous and have no role. Sellers belong to one merchant. */
public enum Role {
    CUSTOMER, SELLER, FULFILMENT, FINANCE, ADMIN, SUPER_ADMIN
}
