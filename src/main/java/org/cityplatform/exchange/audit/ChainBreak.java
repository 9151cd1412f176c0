package org.cityplatform.exchange.audit;

/**
 * Where verification found the trail broken: the event that does not fit ({@code id} null when
 * the events that should be there are gone from the end of the chain), its chain and place in
 * it, and what is wrong.
 */
public record ChainBreak(Long id, String chain, long seq, String reason) {

    static final String ALTERED = "this event was altered";
    static final String GAP = "events before this one are missing";
    static final String REPEATED = "this event takes a place in the chain that another event already has";
    static final String TAIL = "the newest events of this chain are missing";
    static final String HEAD = "the chain's head does not match its newest event";
    static final String HEADLESS = "the chain's head is missing: its events cannot be verified";
}
