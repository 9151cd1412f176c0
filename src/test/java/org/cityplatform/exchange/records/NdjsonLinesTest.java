package org.cityplatform.exchange.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NdjsonLinesTest {

    private static List<String> linesOf(String body, int maxLine, int... cuts) {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        List<String> events = new ArrayList<>();
        NdjsonLines lines = new NdjsonLines(maxLine, new NdjsonLines.Sink() {
            @Override
            public void line(long number, byte[] chunk, int offset, int length) {
                events.add(number + ": " + new String(chunk, offset, length, StandardCharsets.US_ASCII));
            }

            @Override
            public void tooLong(long number, long length) {
                events.add(number + ": too long, " + length + " bytes");
            }
        });
        int from = 0;
        for (int cut : cuts) {
            lines.feed(bytes, from, cut - from);
            from = cut;
        }
        lines.feed(bytes, from, bytes.length - from);
        lines.end();
        return events;
    }

    @Test
    void linesAreNumberedFromOneAndAFinalLineNeedsNoLf() {
        assertEquals(List.of("1: a", "2: ", "3: bc\r"), linesOf("a\n\nbc\r\nbc", 9).subList(0, 3));
        assertEquals(List.of("1: a", "2: ", "3: bc\r", "4: bc"), linesOf("a\n\nbc\r\nbc", 9));
    }

    @ParameterizedTest(name = "cut after byte {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void anOverLongCrlfLineIsReportedWithoutItsCrWhereverTheBodyIsCut(int cut) {
        // Found by NdjsonLinesFuzzTest: split across chunks, the CR used to be counted as part of the line.
        assertEquals(List.of("1: too long, 4 bytes", "2: ok"), linesOf("aaaa\r\nok\n", 2, cut));
    }

    @Test
    void anOverLongLineEndingInCrAtTheEndOfTheBodyIsReportedWithoutItsCr() {
        assertEquals(List.of("1: too long, 4 bytes"), linesOf("aaaa\r", 2));
        assertEquals(List.of("1: too long, 4 bytes"), linesOf("aaaa\r", 2, 2, 4));
    }

    @Test
    void aCrInsideAnOverLongLineStillCounts() {
        assertEquals(List.of("1: too long, 5 bytes"), linesOf("aa\raa\n", 2, 3));
    }
}
