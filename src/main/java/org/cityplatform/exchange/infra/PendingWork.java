package org.cityplatform.exchange.infra;

/**
 * Work a component has accepted and not yet made durable (the audit writer's queue): a graceful
 * shutdown waits, bounded, until every such component reports none, before anything closes.
 */
public interface PendingWork {

    /** What the work is, for the shutdown log. */
    String what();

    /** Items accepted and not yet done. */
    int pending();
}
