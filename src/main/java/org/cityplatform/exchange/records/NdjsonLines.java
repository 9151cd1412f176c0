package org.cityplatform.exchange.records;

/**
 * Cuts an NDJSON body, arriving in chunks of any size, into lines. Complete lines inside a chunk
 * are handed on in place; only a line split across chunks is copied, and never more than the line
 * limit of it, so memory stays bounded whatever the body.
 */
final class NdjsonLines {

    interface Sink {
        void line(long number, byte[] bytes, int offset, int length);

        void tooLong(long number, long length);
    }

    private final int maxLine;
    private final Sink sink;
    private byte[] carry = new byte[8192];
    private int carried;
    private long overflowLength = -1; // >= 0 while skipping the rest of an over-long line
    private boolean overflowEndsInCr; // whether the last byte skipped so far was a CR
    private long number;

    NdjsonLines(int maxLine, Sink sink) {
        this.maxLine = maxLine;
        this.sink = sink;
    }

    void feed(byte[] chunk, int offset, int length) {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (chunk[i] == '\n') {
                emit(chunk, start, i - start);
                start = i + 1;
            }
        }
        if (start < end) {
            keep(chunk, start, end - start);
        }
    }

    void end() {
        if (carried > 0 || overflowLength >= 0) {
            emit(carry, 0, 0);
        }
    }

    long lines() {
        return number;
    }

    private void emit(byte[] chunk, int offset, int length) {
        number++;
        if (carried == 0 && overflowLength < 0) {
            deliver(chunk, offset, length);
            return;
        }
        keep(chunk, offset, length);
        if (overflowLength >= 0) {
            // Counted like deliver() does, so the reported length does not depend on where the chunks were cut.
            sink.tooLong(number, overflowEndsInCr ? overflowLength - 1 : overflowLength);
            overflowLength = -1;
        } else {
            deliver(carry, 0, carried);
        }
        carried = 0;
    }

    private void deliver(byte[] bytes, int offset, int length) {
        // A trailing CR (CRLF bodies) does not count towards the limit.
        int effective = length > 0 && bytes[offset + length - 1] == '\r' ? length - 1 : length;
        if (effective > maxLine) {
            sink.tooLong(number, effective);
        } else {
            sink.line(number, bytes, offset, length);
        }
    }

    private void keep(byte[] chunk, int offset, int length) {
        if (overflowLength >= 0) {
            overflowLength += length;
            if (length > 0) {
                overflowEndsInCr = chunk[offset + length - 1] == '\r';
            }
            return;
        }
        // One byte of slack for a CR that may follow the last allowed byte.
        if (carried + length > maxLine + 1) {
            overflowLength = (long) carried + length;
            overflowEndsInCr = chunk[offset + length - 1] == '\r';
            carried = 0;
            return;
        }
        if (carried + length > carry.length) {
            byte[] bigger = new byte[Math.min(maxLine + 1, Math.max(carry.length * 2, carried + length))];
            System.arraycopy(carry, 0, bigger, 0, carried);
            carry = bigger;
        }
        System.arraycopy(chunk, offset, carry, carried, length);
        carried += length;
    }
}
