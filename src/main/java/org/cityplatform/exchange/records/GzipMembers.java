package org.cityplatform.exchange.records;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A gzip body (RFC 1952) decoded as it arrives, in chunks of any size: every member in turn, as
 * {@code zcat} reads them, each checked against its trailer's CRC-32 and length. A body that
 * ends anywhere but after a member's trailer is incomplete; bytes after the last member that
 * are not another member are an error, not something to skip.
 */
final class GzipMembers {

    /** The body is not well-formed gzip; the message says where, for the client. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** Receives decoded bytes; valid only during the call. */
    interface Output {
        void bytes(byte[] bytes, int offset, int length);
    }

    private static final int MAX_HEADER = 64 * 1024;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xE0;

    private enum State { HEADER, DEFLATED, TRAILER }

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] out = new byte[64 * 1024];
    private final ByteArrayOutputStream held = new ByteArrayOutputStream(); // a header or trailer in parts
    private State state = State.HEADER;
    private long size;
    private int members;

    /** Decodes what arrived, handing on whatever it inflates to. */
    void feed(byte[] bytes, int offset, int length, Output output) throws Malformed {
        int at = offset;
        int end = offset + length;
        while (at < end) {
            switch (state) {
                case HEADER -> at = header(bytes, at, end);
                case DEFLATED -> at = deflated(bytes, at, end, output);
                case TRAILER -> at = trailer(bytes, at, end);
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /** The body ended: complete only after a member's trailer. */
    void end() throws Malformed {
        if (members == 0 || state != State.HEADER || held.size() > 0) {
            throw new Malformed("the gzip body ended before its trailer: it was cut short");
        }
    }

    void close() {
        inflater.end();
    }

    private int header(byte[] bytes, int at, int end) throws Malformed {
        int before = held.size();
        int take = Math.min(end - at, MAX_HEADER - before);
        held.write(bytes, at, take);
        byte[] h = held.toByteArray();
        int length = headerLength(h);
        if (length < 0) {
            if (h.length >= MAX_HEADER) {
                throw new Malformed("the gzip header is longer than " + MAX_HEADER + " bytes");
            }
            return at + take;
        }
        held.reset();
        inflater.reset();
        crc.reset();
        size = 0;
        state = State.DEFLATED;
        return at + (length - before);
    }

    // The header's length once it is all there, -1 while more is needed.
    private int headerLength(byte[] h) throws Malformed {
        if (h.length >= 1 && (h[0] & 0xFF) != 0x1f || h.length >= 2 && (h[1] & 0xFF) != 0x8b) {
            throw new Malformed(members == 0 ? "the body is not gzip (it does not start with 1f 8b)"
                    : "bytes after gzip member " + members + " are not another gzip member");
        }
        if (h.length < 10) {
            return -1;
        }
        if (h[2] != 8) {
            throw new Malformed("the gzip body is not deflate-compressed (method " + (h[2] & 0xFF) + ")");
        }
        int flags = h[3] & 0xFF;
        if ((flags & RESERVED) != 0) {
            throw new Malformed("the gzip header sets reserved flags");
        }
        int at = 10;
        if ((flags & FEXTRA) != 0) {
            if (h.length < at + 2) {
                return -1;
            }
            at += 2 + ((h[at] & 0xFF) | (h[at + 1] & 0xFF) << 8);
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                while (at < h.length && h[at] != 0) {
                    at++;
                }
                if (at >= h.length) {
                    return -1;
                }
                at++;
            }
        }
        if ((flags & FHCRC) != 0) {
            at += 2;
        }
        return at <= h.length ? at : -1;
    }

    private int deflated(byte[] bytes, int at, int end, Output output) throws Malformed {
        inflater.setInput(bytes, at, end - at);
        try {
            while (true) {
                int n = inflater.inflate(out);
                if (n > 0) {
                    crc.update(out, 0, n);
                    size += n;
                    output.bytes(out, 0, n);
                }
                if (inflater.finished()) {
                    state = State.TRAILER;
                    return end - inflater.getRemaining();
                }
                if (inflater.needsDictionary()) {
                    throw new Malformed("the gzip body asks for a preset dictionary");
                }
                if (n == 0 && inflater.needsInput()) {
                    return end;
                }
            }
        } catch (DataFormatException e) {
            throw new Malformed("the gzip body is corrupt (" + e.getMessage() + ")");
        }
    }

    private int trailer(byte[] bytes, int at, int end) throws Malformed {
        int take = Math.min(end - at, 8 - held.size());
        held.write(bytes, at, take);
        if (held.size() < 8) {
            return at + take;
        }
        byte[] t = held.toByteArray();
        held.reset();
        long expectedCrc = le32(t, 0);
        long expectedSize = le32(t, 4);
        if (expectedCrc != crc.getValue()) {
            throw new Malformed("the gzip body is corrupt (its CRC does not match its data)");
        }
        if (expectedSize != (size & 0xFFFFFFFFL)) {
            throw new Malformed("the gzip body is corrupt (its length does not match its data)");
        }
        members++;
        state = State.HEADER;
        return at + take;
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
