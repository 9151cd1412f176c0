package org.cityplatform.exchange.audit;

/**
 * An event as its chain's journal holds it: linked (its place and hash in the chain) and, for a
 * push's event already committed with its records, the row id its seal goes to (0 otherwise).
 */
record JournaledEvent(long seq, byte[] hash, long sealId, AuditEvent event) {
}
