package org.cityplatform.exchange.records;

/**
 * What {@link ItemParser} made of one line: a {@link PushItem} to store, an {@link ItemError} to report, or
 * {@link #BLANK} for a line that is not an item at all. The results themselves implement this interface, so the hot
 * path allocates no wrapper.
 */
public sealed interface ParsedItem permits PushItem, ItemError, ParsedItem.Blank {

    /** A blank line: skipped, and not counted as received, because editors and tools leave them at file ends. */
    ParsedItem BLANK = Blank.LINE;

    /** Only {@link #BLANK}; an enum so that it stays a singleton even across serialisation. */
    enum Blank implements ParsedItem {
        LINE
    }
}
