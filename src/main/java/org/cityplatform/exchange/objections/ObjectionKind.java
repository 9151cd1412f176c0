package org.cityplatform.exchange.objections;

/** What the consumer found: a wrong value, or a record missing what it should hold (Art. 20). */
public enum ObjectionKind {
    ERROR, INCOMPLETE
}
