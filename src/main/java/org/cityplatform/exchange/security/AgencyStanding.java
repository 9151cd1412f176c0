package org.cityplatform.exchange.security;

/** What every request needs to know about the calling agency, without loading the entity. */
public record AgencyStanding(String code, boolean active, boolean agreementSigned) {
}
