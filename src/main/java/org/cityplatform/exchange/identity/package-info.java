/**
 * Subject keys under Art. 16 of the city's data sharing policy: every key that identifies the subject of a
 * shared record is validated against its national standard and stored in exactly one canonical form, so the
 * same person, entity or object always matches across datasets and a mistyped key is refused instead of
 * silently pointing at somebody else.
 *
 * <p>Deliberately free of any framework: the rules are pure functions of the key text (and, for birth dates,
 * a clock), so they can be reused by every gateway component and tested exhaustively.
 */
package org.cityplatform.exchange.identity;
