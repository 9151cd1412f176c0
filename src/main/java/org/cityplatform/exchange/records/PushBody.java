package org.cityplatform.exchange.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.JdkZlibDecoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * The bytes of a push as the client sent them, decoded and cut into items. The gateway decodes the
 * body itself rather than letting the HTTP server do it, so that a gzip body is checked to its
 * trailer (a body cut short is an incomplete push, not a complete one) and so that a small
 * compressed chunk is inflated a slice at a time, only while the push has room for more items:
 * a compression bomb inflates no faster than the database takes its batches.
 */
final class PushBody {

    /** What the body tells the push. */
    interface Sink extends NdjsonLines.Sink, ElementSink {

        /** The body cannot be decoded (a broken or truncated gzip stream); no more items follow. */
        void undecodable(String reason);

        /** Every item of the body was handed on. */
        void ended();
    }

    // Compressed input inflated in one step: bounds what one step can hand on, whatever the ratio.
    private static final int COMPRESSED_SLICE = 2048;
    private static final int PLAIN_SLICE = 64 * 1024;

    private final Sink sink;
    private final NdjsonLines lines;
    private final JsonArraySplitter array;
    private final JdkZlibDecoder decoder; // null for an identity body
    private final EmbeddedChannel inflater;
    private final BooleanSupplier room;
    private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
    private int pendingOffset;
    private boolean inputEnded;
    private boolean done;

    private PushBody(PushFormat format, boolean gzip, Sink sink, BooleanSupplier room) {
        this.sink = sink;
        this.room = room;
        this.lines = format == PushFormat.NDJSON ? new NdjsonLines(PushSession.MAX_LINE, sink) : null;
        this.array = format == PushFormat.JSON_ARRAY ? new JsonArraySplitter() : null;
        this.decoder = gzip ? new JdkZlibDecoder(ZlibWrapper.GZIP) : null;
        this.inflater = gzip ? new EmbeddedChannel(decoder) : null;
    }

    /**
     * The body of a push in the given {@code Content-Encoding}; {@code room} says whether the push
     * takes more items now. Encodings other than gzip are refused before anything is read.
     */
    static PushBody of(PushFormat format, String contentEncoding, Sink sink, BooleanSupplier room) {
        return new PushBody(format, gzip(contentEncoding), sink, room);
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

    /** Hands on what waits, a slice at a time, while the push has room; ends the body once all is read. */
    void pump() {
        while (!done && !pending.isEmpty() && room.getAsBoolean()) {
            Buffer head = pending.peek();
            int slice = Math.min(inflater == null ? PLAIN_SLICE : COMPRESSED_SLICE, head.length() - pendingOffset);
            byte[] bytes = head.getBytes(pendingOffset, pendingOffset + slice);
            pendingOffset += slice;
            if (pendingOffset == head.length()) {
                pending.poll();
                pendingOffset = 0;
            }
            decode(bytes);
        }
        if (!done && inputEnded && pending.isEmpty()) {
            finish();
        }
    }

    /** Drops what waits: the push ended for another reason. */
    void discard() {
        done = true;
        pending.clear();
        closeInflater();
    }

    private void closeInflater() {
        if (inflater == null || !inflater.isOpen()) {
            return;
        }
        try {
            inflater.finishAndReleaseAll();
        } catch (Exception e) { // a failure the decoder already reported, raised again on closing
            // nothing more to release
        }
    }

    private void decode(byte[] bytes) {
        if (inflater == null) {
            cut(bytes, 0, bytes.length);
            return;
        }
        try {
            inflater.writeInbound(Unpooled.wrappedBuffer(bytes));
        } catch (Exception e) { // the decoder's failure, rethrown by the channel
            fail("the gzip body is corrupt (" + describe(e) + ")");
            return;
        }
        ByteBuf out;
        while (!done && (out = inflater.readInbound()) != null) {
            try {
                byte[] plain = new byte[out.readableBytes()];
                out.readBytes(plain);
                cut(plain, 0, plain.length);
            } finally {
                out.release();
            }
        }
    }

    private void cut(byte[] bytes, int offset, int length) {
        if (lines != null) {
            lines.feed(bytes, offset, length);
        } else {
            array.feed(bytes, offset, length, sink);
        }
    }

    private void finish() {
        if (inflater != null) {
            boolean complete = decoder.isClosed();
            closeInflater();
            if (!complete) {
                fail("the gzip body ended before its trailer: it was cut short");
                return;
            }
        }
        done = true;
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

    // The decoder's own words name the fault (a CRC, a header) without any of our internals.
    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : clip(message.replaceAll("[^\\x20-\\x7e]", "?"));
    }
}
