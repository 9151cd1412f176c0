package org.cityplatform.exchange.opendata;

/** Where an opening stands (docs/open-data.md, "Opening personal data"; Art. 23, 24). */
public enum OpeningState {
    /** A PERSON dataset's opening waits for the center's approval and security assessment (Art. 24): nothing is published. */
    PENDING_APPROVAL,
    /** Published: an ENTITY or OBJECT dataset at once, a PERSON dataset once approved and until its review is due. */
    OPEN,
    /** The center refused to open the PERSON dataset, with a reason; the provider may ask again by opening anew. */
    REFUSED,
    /** An approved opening whose review date has passed: nothing is published until the center approves it again. */
    SUSPENDED
}
