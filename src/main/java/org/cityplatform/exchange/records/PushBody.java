package org.cityplatform.exchange.records;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * The bytes of a push as the client sent them, decoded and cut into items. The gateway decodes the
 * body itself rather than letting the HTTP server do it, so that a gzip body is read member by
 * member and checked to its last trailer (a body cut short is an incomplete push, not a complete
 * one).
 *
 * <p>What the client sent is held until it is cut, and cut a bounded amount at a time: only while
 * the push has room for more items (so a compression bomb inflates no faster than the database
 * takes its batches), and never more in one turn of the event loop than {@link #TURN_BYTES}, so
 * that items that never reach the database (invalid ones, blank lines) cannot hold the loop that
 * other requests share.
 */
final class PushBody {

    /** What the body tells the push. */
    interface Sink extends NdjsonLines.Sink, ElementSink {

        /** The body cannot be decoded (a broken or truncated gzip stream); no more items follow. */
        void undecodable(String reason);

        /** Everything that arrived so far was cut into items: the push may read more. */
        void drained();

        /** Every item of the body was handed on. */
        void ended();
    }

    // Decoded bytes cut into items in one turn of the event loop before it serves others.
    private static final int TURN_BYTES = 1024 * 1024;
    // Compressed input inflated in one step: bounds what one step can hand on, whatever the ratio.
    private static final int COMPRESSED_SLICE = 1024;
    private static final int PLAIN_SLICE = 64 * 1024;

    private final Sink sink;
    private final NdjsonLines lines;
    private final JsonArraySplitter array;
    private final GzipMembers gzip; // null for a body sent as is
    private final BooleanSupplier room;
    private final Consumer<Runnable> nextTurn;
    private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
    private int pendingOffset;
    private long cutThisTurn;
    private boolean inputEnded;
    private boolean turnScheduled;
    private boolean done;

    private PushBody(PushFormat format, boolean gzip, Sink sink, BooleanSupplier room, Consumer<Runnable> nextTurn) {
        this.sink = sink;
        this.room = room;
        this.nextTurn = nextTurn;
        this.lines = format == PushFormat.NDJSON ? new NdjsonLines(PushSession.MAX_LINE, sink) : null;
        this.array = format == PushFormat.JSON_ARRAY ? new JsonArraySplitter() : null;
        this.gzip = gzip ? new GzipMembers() : null;
    }

    /**
     * The body of a push in the given {@code Content-Encoding}; {@code room} says whether the push
     * takes more items now, {@code nextTurn} runs a step on a later turn of the request's loop.
     */
    static PushBody of(PushFormat format, String contentEncoding, Sink sink, BooleanSupplier room,
                       Consumer<Runnable> nextTurn) {
        return new PushBody(format, gzip(contentEncoding), sink, room, nextTurn);
    }

    /** Whether a body in this encoding is gzip; 415 for an encoding the gateway does not read. */
    static boolean gzip(String contentEncoding) {
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase();
        return switch (encoding) {
            case "", "identity" -> false;
            case "gzip", "x-gzip" -> true;
            default -> throw new ProblemException(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    "a push body is sent as is or with Content-Encoding gzip; '" + clip(encoding) + "' is not read here");
        };
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    void feed(Buffer chunk) {
        if (done) {
            return;
        }
        pending.add(chunk);
        pump();
    }

    /** The client sent its last byte. */
    void end() {
        inputEnded = true;
        pump();
    }

    /** Whether bytes wait that were not yet cut into items. */
    boolean holdsInput() {
        return !pending.isEmpty();
    }

    /** Cuts what waits, a slice at a time, while the push has room and this turn has budget. */
    void pump() {
        if (turnScheduled) {
            return;
        }
        cutThisTurn = 0;
        while (!done && !pending.isEmpty() && room.getAsBoolean()) {
            if (cutThisTurn >= TURN_BYTES) {
                turnScheduled = true;
                nextTurn.accept(() -> {
                    turnScheduled = false;
                    pump();
                });
                return;
            }
            Buffer head = pending.peek();
            int slice = Math.min(gzip == null ? PLAIN_SLICE : COMPRESSED_SLICE, head.length() - pendingOffset);
            byte[] bytes = head.getBytes(pendingOffset, pendingOffset + slice);
            pendingOffset += slice;
            if (pendingOffset == head.length()) {
                pending.poll();
                pendingOffset = 0;
            }
            decode(bytes);
        }
        if (done || !pending.isEmpty()) {
            return;
        }
        if (inputEnded) {
            finish();
        } else {
            sink.drained();
        }
    }

    /** Drops what waits: the push ended for another reason. */
    void discard() {
        if (!done) {
            done = true;
            pending.clear();
            if (gzip != null) {
                gzip.close();
            }
        }
    }

    private void decode(byte[] bytes) {
        if (gzip == null) {
            cut(bytes, 0, bytes.length);
            return;
        }
        try {
            gzip.feed(bytes, 0, bytes.length, this::cut);
        } catch (GzipMembers.Malformed e) {
            fail(e.getMessage());
        }
    }

    private void cut(byte[] bytes, int offset, int length) {
        if (done) {
            return;
        }
        cutThisTurn += length;
        if (lines != null) {
            lines.feed(bytes, offset, length);
        } else {
            array.feed(bytes, offset, length, sink);
        }
    }

    private void finish() {
        if (gzip != null) {
            try {
                gzip.end();
            } catch (GzipMembers.Malformed e) {
                fail(e.getMessage());
                return;
            }
        }
        discard();
        if (lines != null) {
            lines.end();
        } else {
            array.end(sink);
        }
        sink.ended();
    }

    private void fail(String reason) {
        discard();
        sink.undecodable(reason);
    }
}
