package org.cityplatform.exchange.records;

/**
 * Receives what {@link JsonArraySplitter} cuts out of a JSON array body. Indexes are 1-based and count every element,
 * including over-long ones, so they line up with what the provider sees in the body.
 *
 * <p>All three methods are abstract on purpose: a default that ignored over-long or malformed input would let a
 * caller drop items silently.
 */
public interface ElementSink {

    /**
     * One top-level element, from its first to its last byte (no surrounding whitespace). The bytes may be the
     * caller's own chunk or the splitter's buffer; they are only valid during this call.
     */
    void element(long index, byte[] bytes, int offset, int length);

    /** An element longer than {@link ItemParser#MAX_ITEM_BYTES}; {@code length} is its full length in bytes. */
    void tooLong(long index, long length);

    /**
     * The body's structure is broken; the splitter ignores all further input. {@code index} is the element that was
     * being read or expected when the break was found, or 0 when the body as a whole is at fault (not an array,
     * empty, or content after the closing ']').
     */
    void malformed(long index, String message);
}
