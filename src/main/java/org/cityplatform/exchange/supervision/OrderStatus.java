package org.cityplatform.exchange.supervision;

/**
 * Where a rectification order stands (Art. 35): waiting for the agency's response, waiting for the
 * center to accept it, or closed. A response the center does not accept opens the order again
 * with a new day; CLOSED is final.
 */
public enum OrderStatus {
    OPEN, RESPONDED, CLOSED
}
