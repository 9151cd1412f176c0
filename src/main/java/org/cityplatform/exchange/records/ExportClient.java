package org.cityplatform.exchange.records;

import io.vertx.core.buffer.Buffer;

/**
 * The client of an export as the export needs it: chunks written at its pace, an end, a cut, and
 * word of its leaving. {@link HttpExportClient} is the HTTP response; a test of the export's
 * states can stand in for it without a server.
 */
interface ExportClient {

    /** The head of the answer: a chunked body of this type, starting at {@code cursor}. */
    void head(String contentType, String cursor);

    void write(Buffer chunk);

    /** Whether the client lags behind what was written: then the export waits for {@link #onDrain}. */
    boolean writeQueueFull();

    /** Runs {@code drained} when the client has caught up; replaces any earlier one. */
    void onDrain(Runnable drained);

    /** Runs {@code gone} when the connection closes, whoever closed it. */
    void onGone(Runnable gone);

    /** A clean end: the export is complete. */
    void end();

    /** Cuts the answer off, so that a client never takes a part for the whole. */
    void reset();
}
