package org.cityplatform.exchange.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Fuzzes the NDJSON line splitter with arbitrary bytes cut into arbitrary chunks. Whatever the body and however it
 * arrives, the lines must be exactly those of the body split at LF, numbered 1, 2, 3..., none longer than the limit
 * (a trailing CR not counted), and the splitter must never hold more than one line's worth of bytes.
 */
class NdjsonLinesFuzzTest {

    /** The splitter starts with a carry buffer of this size; only a limit above it may grow the buffer. */
    private static final int FIRST_CARRY = 8192;

    @FuzzTest(maxDuration = "8s")
    void linesAreTheBodySplitAtLfWhateverTheChunking(FuzzedDataProvider data) {
        // Mostly tiny limits, so that short inputs cross them; sometimes one above the first carry buffer, with the
        // body repeated so that lines that long occur and the buffer has to grow.
        boolean longLines = data.consumeInt(0, 7) == 0;
        int maxLine = longLines ? data.consumeInt(FIRST_CARRY - 2, 3 * FIRST_CARRY) : data.consumeInt(0, 40);
        ChunkPlan plan = ChunkPlan.from(data, longLines ? 3 * FIRST_CARRY : 2 * maxLine + 4);
        int copies = longLines ? data.consumeInt(1, 64) : 1;
        byte[] body = repeat(data.consumeRemainingAsBytes(), copies);

        List<String> expected = expectedLines(body, maxLine);
        List<String> whole = split(body, maxLine, ChunkPlan.WHOLE);
        assertEquals(expected, whole, "fed whole, limit " + maxLine);
        assertEquals(whole, split(body, maxLine, plan), "fed in " + plan + ", limit " + maxLine);
        if (body.length <= 4096) {
            assertEquals(whole, split(body, maxLine, ChunkPlan.BYTE_BY_BYTE), "fed byte by byte, limit " + maxLine);
        }
    }

    /** The independent reading of the contract: split at LF, drop the empty rest after a final LF, judge each line. */
    static List<String> expectedLines(byte[] body, int maxLine) {
        List<String> out = new ArrayList<>();
        int start = 0;
        long number = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length && start == body.length) {
                break;
            }
            if (i == body.length || body[i] == '\n') {
                number++;
                int length = i - start;
                int effective = length > 0 && body[i - 1] == '\r' ? length - 1 : length;
                out.add(effective > maxLine ? tooLong(number, effective) : line(number, body, start, length));
                start = i + 1;
            }
        }
        return out;
    }

    private static List<String> split(byte[] body, int maxLine, ChunkPlan plan) {
        Recorder recorder = new Recorder(maxLine);
        NdjsonLines lines = new NdjsonLines(maxLine, recorder);
        int bound = Math.max(FIRST_CARRY, maxLine + 1);
        plan.feed(body, (chunk, offset, length) -> {
            lines.feed(chunk, offset, length);
            // Bounded memory: an endless line must not grow the carry buffer past the limit (plus the CR's slack).
            int held = carryLength(lines);
            assertTrue(held <= bound, "carry buffer grew to " + held + " bytes, limit " + maxLine);
        });
        lines.end();
        assertEquals(recorder.events.size(), lines.lines(), "lines() counts every line reported");
        return recorder.events;
    }

    private static final class Recorder implements NdjsonLines.Sink {

        final List<String> events = new ArrayList<>();
        private final int maxLine;

        Recorder(int maxLine) {
            this.maxLine = maxLine;
        }

        @Override
        public void line(long number, byte[] bytes, int offset, int length) {
            next(number);
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    fail("line " + number + " contains an LF");
                }
            }
            int effective = length > 0 && bytes[offset + length - 1] == '\r' ? length - 1 : length;
            assertTrue(effective <= maxLine, "line " + number + " of " + effective + " bytes delivered, limit "
                    + maxLine);
            events.add(NdjsonLinesFuzzTest.line(number, bytes, offset, length));
        }

        @Override
        public void tooLong(long number, long length) {
            next(number);
            assertTrue(length > maxLine, "line " + number + " of " + length + " bytes refused, limit " + maxLine);
            events.add(NdjsonLinesFuzzTest.tooLong(number, length));
        }

        private void next(long number) {
            assertEquals(events.size() + 1, number, "lines are numbered 1, 2, 3... in order");
        }
    }

    private static String line(long number, byte[] bytes, int offset, int length) {
        return "line " + number + ": " + HexFormat.of().formatHex(bytes, offset, offset + length);
    }

    private static String tooLong(long number, long length) {
        return "too long " + number + ": " + length;
    }

    private static byte[] repeat(byte[] bytes, int copies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * copies);
        for (int i = 0; i < copies; i++) {
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** Read reflectively because the splitter rightly exposes no buffer; this is the only way to see its memory. */
    private static int carryLength(NdjsonLines lines) {
        try {
            return ((byte[]) CARRY.get(lines)).length;
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static final Field CARRY = carryField();

    private static Field carryField() {
        try {
            Field carry = NdjsonLines.class.getDeclaredField("carry");
            carry.setAccessible(true);
            return carry;
        } catch (NoSuchFieldException e) {
            throw new AssertionError("NdjsonLines no longer has its carry buffer; update this test", e);
        }
    }
}
