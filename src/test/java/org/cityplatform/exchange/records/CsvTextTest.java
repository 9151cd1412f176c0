package org.cityplatform.exchange.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One CSV cell, as every CSV of the gateway writes it: RFC 4180, and never a formula. */
class CsvTextTest {

    private static String cell(String value) {
        return CsvText.field(new StringBuilder(), value).toString();
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "plain|plain",
            "北京路1号|北京路1号",
            "a,b|`\"a,b\"`",
            "a;=1+2|`\"a;=1+2\"`",
            "say \"hi\"|`\"say \"\"hi\"\"\"`",
            "=1+2|`\"'=1+2\"`",
            "+1|`\"'+1\"`",
            "-2+3|`\"'-2+3\"`",
            "-|`\"'-\"`",
            "-5x|`\"'-5x\"`",
            "@SUM(A1)|`\"'@SUM(A1)\"`",
            "-5|-5",
            "-5.25|-5.25",
            "-1.5e3|-1.5e3",
            "-0|-0",
            "5|5",
            "'already|'already",
    })
    void aCellIsQuotedWhenItMustBeAndNeverAFormula(String value, String expected) {
        assertEquals(expected, cell(value));
    }

    @ParameterizedTest(name = "control character {0} first")
    @CsvSource({"9", "13", "0"})
    void aCellStartingWithTabCarriageReturnOrNulIsNeutralised(int c) {
        String value = (char) c + "=1+2";
        assertEquals("\"'" + value + "\"", cell(value));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"name|`\"name\"`", "=cmd|`\"'=cmd\"`", "`\"`|`\"\"\"\"`"})
    void anAlwaysQuotedCellIsNeutralisedToo(String value, String expected) {
        assertEquals(expected, CsvText.quotedField(new StringBuilder(), value).toString());
    }

    @org.junit.jupiter.api.Test
    void nullAndEmptyAreEmptyCells() {
        assertEquals("", cell(null));
        assertEquals("", cell(""));
    }
}
